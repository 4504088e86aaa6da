/** `{{name}}`, `{{$builtin}}` or `{{secrets.NAME}}` placeholders inside step fields. */
export const TEMPLATE_PATTERN = /\{\{\s*([^{}\s]+)\s*\}\}/g;

/** The text with every placeholder replaced by `x`: what shape checks (URL, host) look at before rendering. */
export function withPlaceholdersFilled(text: string): string {
  return text.replace(TEMPLATE_PATTERN, 'x');
}

/** Names referenced by placeholders, in order of appearance. */
export function listPlaceholders(text: string): string[] {
  return [...text.matchAll(TEMPLATE_PATTERN)].map((match) => match[1] ?? '');
}

export function isHttpUrl(text: string): boolean {
  try {
    const url = new URL(withPlaceholdersFilled(text));
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}
