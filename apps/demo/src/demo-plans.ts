/** A tariff plan in the simulated product catalogue; clerks order plan changes by code. */
export interface DemoPlan {
  readonly code: string;
  readonly name: string;
  readonly feeFen: number;
}

/** The plans of the demo subscribers plus one nobody has yet, so a plan change always has a target. */
export const DEMO_PLANS: readonly DemoPlan[] = [
  { code: 'GOTONE_138', name: '全球通 138 元套餐', feeFen: 13_800 },
  { code: 'MZONE_38', name: '动感地带 38 元套餐', feeFen: 3_800 },
  { code: 'EASYOWN_18', name: '神州行 18 元套餐', feeFen: 1_800 },
  { code: 'FAMILY_58', name: '和家庭 58 元套餐', feeFen: 5_800 },
  { code: 'SMART_5G_128', name: '5G 智享 128 元套餐', feeFen: 12_800 },
  { code: 'SMART_5G_198', name: '5G 智享 198 元套餐', feeFen: 19_800 },
];

/** @example findPlan({ code: 'MZONE_38' })?.name // '动感地带 38 元套餐' */
export function findPlan(by: { readonly code: string } | { readonly name: string }): DemoPlan | undefined {
  return DEMO_PLANS.find((plan) => ('code' in by ? plan.code === by.code : plan.name === by.name));
}
