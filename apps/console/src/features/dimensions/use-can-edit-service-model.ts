import { usePermissions } from '../auth';

/**
 * The service model belongs to the whole province: only users with `dimensions:write` and no region scope may
 * change it (the server refuses the others).
 */
export function useCanEditServiceModel(): boolean {
  const { can, isProvinceWide } = usePermissions();
  return can('dimensions:write') && isProvinceWide;
}
