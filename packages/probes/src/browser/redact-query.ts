/**
 * `url` without its query string, fragment and credentials: they may carry tokens, and runs, problem scenes and
 * per-action results are shown to everyone who can see the check.
 *
 * @example redactQuery('https://u:p@shop.example/pay?token=abc#top') // 'https://shop.example/pay'
 */
export function redactQuery(url: string): string {
  if (!URL.canParse(url)) return url.replace(/[?#].*$/s, '');
  const parsed = new URL(url);
  parsed.username = '';
  parsed.password = '';
  parsed.search = '';
  parsed.hash = '';
  return parsed.href;
}
