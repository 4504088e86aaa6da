import type { ListMessageKey } from './messages-lists-zh-cn';

/** English strings of server-paginated lists; the type makes a missing or extra key a compile error. */
export const listEnMessages: Readonly<Record<ListMessageKey, string>> = {
  'list.total': '{total} in all',
  'list.clearFilters': 'Clear filters',
  'checks.filter.text': 'Search by name',
  'checks.filter.region': 'City (with its counties)',
  'checks.filter.tag': 'Tag',
  'checks.col.lastRunAt': 'Last run',
  'agents.filter.text': 'Search by name',
  'users.filter.text': 'Search by username, name or e-mail',
  'secrets.filter.text': 'Search by name or description',
  'tokens.filter.text': 'Search by name or owner',
  'locations.filter.text': 'Search by code, name or site',
  'agents.status.online': 'Online (healthy or stale)',
  'agents.status.offline': 'Offline (down or revoked)',
};
