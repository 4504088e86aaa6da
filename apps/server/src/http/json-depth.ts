/**
 * Whether a JSON text nests arrays and objects deeper than `maxDepth`, found by one pass over the characters
 * (brackets inside strings do not count). Checked before parsing: what walks a parsed value recursively (validation,
 * logging, diffing) must never meet a document deep enough to overflow the stack.
 *
 * @example exceedsJsonDepth('[[[]]]', 2) // true
 * @example exceedsJsonDepth('{"a":"[[["}', 2) // false
 */
export function exceedsJsonDepth(text: string, maxDepth: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (inString) {
      if (code === 0x5c)
        i++; // a backslash escapes the next character, a quote included
      else if (code === 0x22) inString = false;
    } else if (code === 0x22) {
      inString = true;
    } else if (code === 0x7b || code === 0x5b) {
      depth++;
      if (depth > maxDepth) return true;
    } else if (code === 0x7d || code === 0x5d) {
      depth--;
    }
  }
  return false;
}

/** How deep request bodies may nest: our own documents stay below 15 levels, user JSON in steps well below this. */
export const MAX_JSON_DEPTH = 64;
