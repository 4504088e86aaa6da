/**
 * Encoded forms shorter than this are not masked: one- to three-character strings (`YQ`, `61`) turn up by chance in
 * any base64 or hex text, so masking them would blot out results without hiding anything. A secret's literal and
 * escaped forms are always masked, however short (see `secretForms`).
 */
export const MIN_ENCODED_FORM_CHARS = 4;

function toUrlAlphabet(base64: string): string {
  return base64.replace(/\+/g, '-').replace(/\//g, '_');
}

/** Standard and URL-safe base64, each with and without padding. */
function base64Forms(bytes: Buffer): string[] {
  const padded = bytes.toString('base64');
  const unpadded = padded.replace(/=+$/, '');
  return [padded, unpadded, toUrlAlphabet(padded), toUrlAlphabet(unpadded)];
}

/**
 * The secret as it appears inside the base64 of a longer text, such as a basic-auth `user:secret` or a JSON blob:
 * base64 works in 3-byte groups, so for each of the three alignments only the groups made of the secret's bytes
 * alone encode the same way whatever surrounds them. Masking these leaves at most two bytes' worth of edge visible.
 */
function embeddedBase64Forms(bytes: Buffer): string[] {
  const forms: string[] = [];
  for (let skip = 1; skip <= 2; skip += 1) {
    const whole = Math.floor((bytes.length - skip) / 3) * 3;
    if (whole <= 0) continue;
    const core = bytes.subarray(skip, skip + whole).toString('base64');
    forms.push(core, toUrlAlphabet(core));
  }
  const aligned = Math.floor(bytes.length / 3) * 3;
  if (aligned > 0 && aligned < bytes.length) {
    const core = bytes.subarray(0, aligned).toString('base64');
    forms.push(core, toUrlAlphabet(core));
  }
  return forms;
}

/** Percent-encoding as `encodeURIComponent` and HTML forms (`+` for space) write it, in both hex cases. */
function urlForms(secret: string): string[] {
  const component = encodeURIComponent(secret);
  const form = new URLSearchParams([['', secret]]).toString().slice(1);
  const lower = (text: string) => text.replace(/%[0-9A-F]{2}/g, (escape) => escape.toLowerCase());
  return [component, lower(component), form, lower(form)];
}

/**
 * Every form in which a secret can travel in text Ganzhi keeps: as is, JSON-escaped, percent-encoded (URI component
 * and form), hex, base64 (standard and URL-safe, padded or not) and base64 of a longer text containing it.
 *
 * @example secretForms('s3cret-pass') // ['s3cret-pass', 'czNjcmV0LXBhc3M=', 'czNjcmV0LXBhc3M', …]
 */
export function secretForms(secret: string): string[] {
  if (secret === '') return [];
  const bytes = Buffer.from(secret, 'utf8');
  // Escapes keep the secret's own characters around, so they are as telling as the secret itself.
  const escaped = [secret, JSON.stringify(secret).slice(1, -1), ...urlForms(secret)];
  const encoded = [
    bytes.toString('hex'),
    bytes.toString('hex').toUpperCase(),
    ...base64Forms(bytes),
    ...embeddedBase64Forms(bytes),
  ].filter((form) => form.length >= MIN_ENCODED_FORM_CHARS);
  return [...new Set([...escaped, ...encoded])];
}
