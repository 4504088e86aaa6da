import type { Dimensions } from '@ganzhi/contracts';
import type { Locale } from '../../lib/i18n';
import { flattenRegionTree, regionTreeOf } from './region-tree';

/** The dimensions a check refers to. */
export type DimensionKind = 'channel' | 'business' | 'region';
/** Every named dimension (transactions also carry a segment and a system). */
export type NamedDimensionKind = DimensionKind | 'segment' | 'system';

interface Named {
  readonly code: string;
  readonly nameZh: string;
  readonly nameEn: string;
}

export function displayNameOf(item: Named, locale: Locale): string {
  return locale === 'zh-CN' ? item.nameZh : item.nameEn;
}

const LIST_OF: Readonly<Record<NamedDimensionKind, Exclude<keyof Dimensions, 'aliases'>>> = {
  channel: 'channels',
  business: 'businesses',
  region: 'regions',
  segment: 'segments',
  system: 'systems',
};

/**
 * The display name of a dimension code in the current language; an unknown code shows as itself, so a check
 * that names a dimension the server no longer knows still reads sensibly.
 */
export function nameOfCode(
  dimensions: Dimensions | undefined,
  lookup: { kind: NamedDimensionKind; code: string; locale: Locale },
): string {
  const item = dimensions?.[LIST_OF[lookup.kind]].find((candidate) => candidate.code === lookup.code);
  return item ? displayNameOf(item, lookup.locale) : lookup.code;
}

export interface DimensionOption {
  readonly value: string;
  readonly label: string;
  /** Tree depth for indenting regions in a list (0 for provinces and for channels and businesses). */
  readonly depth: number;
}

const REGION_DEPTH = { province: 0, city: 1, county: 2 } as const;

/** Select options for one kind of dimension; regions come in tree order (province → city → county). */
export function dimensionOptions(
  dimensions: Dimensions | undefined,
  kind: NamedDimensionKind,
  locale: Locale,
): DimensionOption[] {
  if (!dimensions) return [];
  if (kind === 'region') {
    return flattenRegionTree(regionTreeOf(dimensions.regions)).map((region) => ({
      value: region.code,
      label: displayNameOf(region, locale),
      depth: REGION_DEPTH[region.level],
    }));
  }
  return dimensions[LIST_OF[kind]].map((item) => ({
    value: item.code,
    label: displayNameOf(item, locale),
    depth: 0,
  }));
}

/** A city (prefecture) among the regions, named in the current language. */
export interface NamedCity {
  readonly code: string;
  readonly name: string;
}

/** The cities among the regions, in the server's order: where agents and locations live. */
export function citiesOf(dimensions: Dimensions | undefined, locale: Locale): NamedCity[] {
  return (dimensions?.regions ?? [])
    .filter((region) => region.level === 'city')
    .map((region) => ({ code: region.code, name: displayNameOf(region, locale) }));
}
