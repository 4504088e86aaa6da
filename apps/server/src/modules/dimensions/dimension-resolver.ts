import type { DimensionKind, Dimensions } from '@ganzhi/contracts';

/** What a value from source data means: a dimension code, or why it could not be mapped. */
export type Resolved = { readonly code: string } | { readonly unknown: string };

/**
 * Maps the spellings found in source data to dimension codes: the code itself, the Chinese or English name, or a
 * configured alias, compared without case and surrounding blanks. Unknown values are reported, never dropped.
 */
export interface DimensionResolver {
  resolve(kind: DimensionKind, value: string): string | undefined;
}

function normalise(value: string): string {
  return value.trim().toLowerCase();
}

export function createDimensionResolver(dimensions: Dimensions): DimensionResolver {
  const maps: Record<DimensionKind, Map<string, string>> = {
    channel: new Map(),
    business: new Map(),
    region: new Map(),
    segment: new Map(),
    system: new Map(),
  };
  const values: Record<DimensionKind, readonly { code: string; nameZh: string; nameEn: string }[]> = {
    channel: dimensions.channels,
    business: dimensions.businesses,
    region: dimensions.regions,
    segment: dimensions.segments,
    system: dimensions.systems,
  };
  for (const kind of Object.keys(values) as DimensionKind[]) {
    const map = maps[kind];
    for (const value of values[kind]) {
      // Names first, codes last: a code always wins over another value's name that happens to equal it.
      map.set(normalise(value.nameEn), value.code);
      map.set(normalise(value.nameZh), value.code);
    }
    for (const alias of dimensions.aliases)
      if (alias.kind === kind) map.set(normalise(alias.alias), alias.code);
    for (const value of values[kind]) map.set(value.code, value.code);
  }
  return {
    resolve(kind, value) {
      const map = maps[kind];
      return map.get(value) ?? map.get(normalise(value));
    },
  };
}
