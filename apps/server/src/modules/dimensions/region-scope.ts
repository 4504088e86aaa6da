import { ForbiddenError } from '@ganzhi/runtime';
import type { Region } from '@ganzhi/contracts';

/** The regions an actor may see: everything, or a set of codes closed under "everything below". */
export interface RegionScope {
  readonly isAll: boolean;
  /** The granted codes and every region below them (empty when `isAll`). */
  readonly codes: ReadonlySet<string>;
  /** The granted roots, for messages ("scope: changsha"). */
  readonly roots: readonly string[];
  /** Whether `code` lies inside the scope; a value without a region (null) only for province-wide actors. */
  includes(code: string | null | undefined): boolean;
}

export const WHOLE_PROVINCE: RegionScope = {
  isAll: true,
  codes: new Set(),
  roots: [],
  includes: () => true,
};

/**
 * The scope of a grant over the region tree. A grant naming a province (a root of the tree) is the whole province.
 *
 * @example regionScopeOf(regions, ['changsha']).includes('changsha_furong') // true
 */
export function regionScopeOf(regions: readonly Region[], grant: readonly string[] | null): RegionScope {
  if (grant === null || grant.length === 0) return WHOLE_PROVINCE;
  const byCode = new Map(regions.map((region) => [region.code, region]));
  if (grant.some((code) => byCode.get(code)?.parentCode === null)) return WHOLE_PROVINCE;
  const children = new Map<string, string[]>();
  for (const region of regions) {
    if (region.parentCode === null) continue;
    const list = children.get(region.parentCode) ?? [];
    list.push(region.code);
    children.set(region.parentCode, list);
  }
  const codes = new Set<string>();
  const pending = [...grant];
  for (let code = pending.pop(); code !== undefined; code = pending.pop()) {
    if (codes.has(code)) continue;
    codes.add(code);
    pending.push(...(children.get(code) ?? []));
  }
  return {
    isAll: false,
    codes,
    roots: [...grant],
    includes: (code) => code !== null && code !== undefined && codes.has(code),
  };
}

/** The region codes a scope is granted, as refusals name them (`changsha, yueyang`). */
function scopeText(scope: RegionScope): string {
  return scope.roots.join(', ');
}

/**
 * The region a scoped reader asks about: the one requested when it lies inside the scope, their own region when they
 * name none and have exactly one; refused otherwise, naming the scope. Province-wide readers get what they asked.
 *
 * @example narrowRegion(changshaScope, undefined) // 'changsha'
 */
export function narrowRegion(scope: RegionScope, requested: string | undefined): string | undefined {
  if (scope.isAll) return requested;
  if (requested !== undefined) {
    if (scope.includes(requested)) return requested;
    throw new ForbiddenError(`region ${requested} is outside your scope (${scopeText(scope)})`, {
      reason: 'region_out_of_scope',
      params: { region: requested, scope: scopeText(scope) },
    });
  }
  const [only, ...more] = scope.roots;
  if (only !== undefined && more.length === 0) return only;
  throw new ForbiddenError(`choose a region within your scope (${scopeText(scope)})`, {
    reason: 'region_choice_required',
    params: { scope: scopeText(scope) },
  });
}

/** Refuses a change to data that belongs to the whole province (the service model, indicators …) by a scoped actor. */
export function assertProvinceWide(scope: RegionScope, what: string): void {
  if (!scope.isAll)
    throw new ForbiddenError(`${what} belongs to the whole province; your scope is ${scopeText(scope)}`, {
      reason: 'province_wide_only',
      params: { scope: scopeText(scope) },
    });
}

/** Refuses a write to a region outside the scope; a value without a region counts as province-wide. */
export function assertInScope(scope: RegionScope, region: string | null | undefined, what: string): void {
  if (scope.includes(region)) return;
  const scopeParam = { scope: scopeText(scope) };
  if (region)
    throw new ForbiddenError(`${what} in region ${region} is outside your scope (${scopeText(scope)})`, {
      reason: 'region_out_of_scope',
      params: { region, ...scopeParam },
    });
  throw new ForbiddenError(
    `${what} without a region belongs to the whole province; your scope is ${scopeText(scope)}`,
    { reason: 'province_wide_only', params: scopeParam },
  );
}
