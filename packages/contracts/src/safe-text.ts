import { z } from 'zod';

// A lone surrogate: a high half not followed by a low half, or a low half not preceded by a high half.
const UNPAIRED_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export const UNSTORABLE_TEXT_MESSAGE = 'must not contain NUL (U+0000) or unpaired UTF-16 surrogates';

/**
 * Whether every storage engine keeps the text exactly as sent. PostgreSQL `text` cannot hold U+0000 (the insert
 * fails), and a lone surrogate has no UTF-8 form: both engines store U+FFFD instead, so two different values
 * (`"\uD800"`, `"\uDBFF"`) would become one — an external id would then count as a duplicate.
 *
 * @example isStorableText('E1023') // true
 * @example isStorableText('a\u0000b') // false
 */
export function isStorableText(value: string): boolean {
  return !value.includes('\u0000') && !UNPAIRED_SURROGATE.test(value);
}

/**
 * A string field that is stored as text: refused (field error, or per-record rejection in batches) when it holds
 * what a database cannot store. Chain the usual checks after it.
 *
 * @example safeText().trim().min(1).max(128)
 */
export function safeText() {
  return z.string().refine(isStorableText, UNSTORABLE_TEXT_MESSAGE);
}
