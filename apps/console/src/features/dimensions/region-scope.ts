import type { Dimensions } from '@ganzhi/contracts';
import type { Locale } from '../../lib/i18n';
import { nameOfCode } from './dimension-names';
import type { RegionTreeOption } from './region-tree';

/**
 * The names of a region scope's codes in the current language; empty for the whole province (the caller says so).
 * @example regionScopeNames(dimensions, ['changsha'], 'zh-CN') // ['长沙']
 */
export function regionScopeNames(
  dimensions: Dimensions | undefined,
  codes: readonly string[],
  locale: Locale,
): string[] {
  return codes.map((code) => nameOfCode(dimensions, { kind: 'region', code, locale }));
}

/**
 * The part of the region tree inside a scope: the whole tree for the whole province (empty scope), else the
 * subtrees rooted at the scope's regions. A token or user granted by a scoped user can be no wider than them.
 */
export function scopedRegionTreeOptions(
  options: readonly RegionTreeOption[],
  scope: readonly string[],
): RegionTreeOption[] {
  if (scope.length === 0) return [...options];
  const inside = new Set(scope);
  const collect = (nodes: readonly RegionTreeOption[]): RegionTreeOption[] =>
    nodes.flatMap((node) => (inside.has(node.value) ? [node] : collect(node.children ?? [])));
  return collect(options);
}
