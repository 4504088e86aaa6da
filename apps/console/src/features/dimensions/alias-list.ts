import type { DimensionAlias, DimensionKind } from '@ganzhi/contracts';

/** The kinds of dimension an alias can stand for, in the order the editor shows them. */
export const ALIAS_KINDS: readonly DimensionKind[] = ['channel', 'business', 'region', 'segment', 'system'];

/** The aliases of one kind in code-point order (Latin spellings, then Chinese ones), so a long list is easy to scan. */
export function aliasesOfKind(
  aliases: readonly DimensionAlias[] | undefined,
  kind: DimensionKind,
): DimensionAlias[] {
  return (aliases ?? [])
    .filter((alias) => alias.kind === kind)
    .sort((a, b) => (a.alias < b.alias ? -1 : a.alias > b.alias ? 1 : 0));
}

/** How many aliases each kind has, for the kind switch's labels. */
export function aliasCountsByKind(
  aliases: readonly DimensionAlias[] | undefined,
): Readonly<Record<DimensionKind, number>> {
  const counts: Record<DimensionKind, number> = { channel: 0, business: 0, region: 0, segment: 0, system: 0 };
  for (const alias of aliases ?? []) counts[alias.kind] += 1;
  return counts;
}
