import type { Dimensions, Region } from '@ganzhi/contracts';
import type { Locale } from '../../lib/i18n';

/** A region with the regions directly under it (province → city → county). */
export interface RegionNode {
  readonly region: Region;
  readonly children: readonly RegionNode[];
}

/**
 * The region tree, children in the server's order. Provinces come first; regions whose parent is unknown (or that
 * sit in a parent cycle, which the server does not forbid) become roots after them, so every region shows once.
 */
export function regionTreeOf(regions: readonly Region[]): RegionNode[] {
  const known = new Set(regions.map((region) => region.code));
  const childrenOf = new Map<string, Region[]>();
  for (const region of regions)
    if (region.parentCode !== null && known.has(region.parentCode))
      childrenOf.set(region.parentCode, [...(childrenOf.get(region.parentCode) ?? []), region]);
  const seen = new Set<string>();
  const nodeOf = (region: Region): RegionNode => {
    seen.add(region.code);
    const children = (childrenOf.get(region.code) ?? []).filter((child) => !seen.has(child.code));
    return { region, children: children.map(nodeOf) };
  };
  const roots: RegionNode[] = [];
  const isRoot = (region: Region) => region.parentCode === null || !known.has(region.parentCode);
  for (const region of [...regions.filter(isRoot), ...regions])
    if (!seen.has(region.code)) roots.push(nodeOf(region));
  return roots;
}

/** The regions of a tree, each parent right before its children. */
export function flattenRegionTree(nodes: readonly RegionNode[]): Region[] {
  return nodes.flatMap((node) => [node.region, ...flattenRegionTree(node.children)]);
}

/**
 * The codes with every region below them: transactions are recorded per city (or county), so choosing a province
 * means all of its cities. Unknown codes are kept as they are; nothing is listed twice.
 * @example withDescendants(regions, ['hunan']) // ['hunan', 'changsha', 'zhuzhou', …]
 */
export function withDescendants(regions: readonly Region[] | undefined, codes: readonly string[]): string[] {
  const result = new Set<string>();
  const add = (code: string): void => {
    if (result.has(code)) return;
    result.add(code);
    for (const region of regions ?? []) if (region.parentCode === code) add(region.code);
  };
  for (const code of codes) add(code);
  return [...result];
}

/** A node of antd's TreeSelect. */
export interface RegionTreeOption {
  readonly value: string;
  readonly title: string;
  readonly children?: RegionTreeOption[];
}

/** The region tree as TreeSelect data, named in the current language (leaves have no `children`). */
export function regionTreeOptions(dimensions: Dimensions | undefined, locale: Locale): RegionTreeOption[] {
  const toOption = (node: RegionNode): RegionTreeOption => ({
    value: node.region.code,
    title: locale === 'zh-CN' ? node.region.nameZh : node.region.nameEn,
    ...(node.children.length > 0 ? { children: node.children.map(toOption) } : {}),
  });
  return regionTreeOf(dimensions?.regions ?? []).map(toOption);
}
