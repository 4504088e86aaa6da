import { ARTIFACT_CONTENT_TYPES, type ArtifactContentType } from '@ganzhi/contracts';

const INLINE_TYPES: ReadonlySet<string> = new Set(['image/png', 'image/jpeg', 'image/webp']);
const EXTENSION_OF: Record<ArtifactContentType, string> = {
  'image/png': 'png',
  'image/jpeg': 'jpg',
  'image/webp': 'webp',
  'application/json': 'json',
};

function allowedType(stored: string): ArtifactContentType | undefined {
  const base = stored.split(';')[0]?.trim().toLowerCase() ?? '';
  return ARTIFACT_CONTENT_TYPES.find((type) => type === base);
}

/**
 * Headers of an artifact download. Artifacts hold what probed systems and agents sent, so the browser must never
 * render one as a page of our origin: a type outside the allow-list is served as opaque bytes, nothing is sniffed,
 * only images display inline, and the response's own policy forbids scripts, loads and same-origin access.
 *
 * @example artifactHeaders('text/html') // content-type application/octet-stream, content-disposition attachment
 */
export function artifactHeaders(stored: { id: string; contentType: string }): Record<string, string> {
  const type = allowedType(stored.contentType);
  const disposition = type !== undefined && INLINE_TYPES.has(type) ? 'inline' : 'attachment';
  const fileName = `${stored.id.replace(/[^A-Za-z0-9._-]/g, '_')}.${type ? EXTENSION_OF[type] : 'bin'}`;
  return {
    'content-type': type ?? 'application/octet-stream',
    'content-disposition': `${disposition}; filename="${fileName}"`,
    'x-content-type-options': 'nosniff',
    'content-security-policy': "default-src 'none'; sandbox",
    'cache-control': 'private, max-age=86400, immutable',
  };
}
