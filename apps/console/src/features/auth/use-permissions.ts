import { useMemo } from 'react';
import { useSession } from './api/auth-api';
import { permissionsOf, type Permissions } from './permissions';

/**
 * The signed-in user's permissions and region scope. The server still decides; this only hides what it would refuse.
 * @example const { can } = usePermissions(); {can('checks:write') && <Button>New check</Button>}
 */
export function usePermissions(): Permissions {
  const session = useSession();
  return useMemo(() => permissionsOf(session.data), [session.data]);
}
