/**
 * Run ids as stored: the 16 bytes of a canonical (lower-case) UUID, which every agent of ours sends, instead of its
 * 36 characters. Any other id (the upload contract allows any text) is stored as its UTF-8 bytes; the one length
 * that would read back as a UUID, 16 bytes, gets a NUL appended, which no id can contain (uploads refuse NUL).
 *
 * @example runIdFromBytes(runIdToBytes('0b6e9c1e-8f6a-4a43-9d51-3f0b3f5f3a2c')) // the same string
 */
const CANONICAL_UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const UUID_BYTES = 16;

export function runIdToBytes(id: string): Buffer {
  if (CANONICAL_UUID.test(id)) return Buffer.from(id.replaceAll('-', ''), 'hex');
  const text = Buffer.from(id, 'utf8');
  return text.length === UUID_BYTES ? Buffer.concat([text, Buffer.alloc(1)]) : text;
}

export function runIdFromBytes(stored: Uint8Array): string {
  const bytes = Buffer.from(stored.buffer, stored.byteOffset, stored.byteLength);
  if (bytes.length === UUID_BYTES) {
    const hex = bytes.toString('hex');
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  }
  const end = bytes.length === UUID_BYTES + 1 && bytes[UUID_BYTES] === 0 ? UUID_BYTES : bytes.length;
  return bytes.toString('utf8', 0, end);
}
