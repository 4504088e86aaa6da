/** Where to go after logging in: the page the guard sent the user away from, else the first page they may read. */
export function readReturnPath(locationState: unknown): string {
  if (typeof locationState !== 'object' || locationState === null) return '/';
  const from: unknown = Reflect.get(locationState, 'from');
  // Only same-origin paths: never send a user elsewhere after login.
  return typeof from === 'string' && from.startsWith('/') && !from.startsWith('//') && from !== '/login'
    ? from
    : '/';
}

/** The router state the guard passes to the login page. */
export function returnState(path: string): { from: string } {
  return { from: path };
}
