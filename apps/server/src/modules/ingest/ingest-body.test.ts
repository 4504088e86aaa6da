import { describe, expect, it } from 'vitest';
import { MAX_JSON_DEPTH } from '../../http/json-depth.js';
import { decodeIngestBody } from './ingest-body.js';

const LIMITS = { maxDecodedBytes: 1024 * 1024, maxRecords: 1000 };
const ndjson = { contentType: 'application/x-ndjson', contentEncoding: undefined };

const nested = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;

describe('decoding an NDJSON body', () => {
  it('parses each line, and keeps a line that is not JSON in its place', async () => {
    const body = Buffer.from('{"a":1}\n\n  not json  \n[1,{"b":[2]}]\n');
    expect(await decodeIngestBody(body, ndjson, LIMITS)).toEqual([
      { a: 1 },
      { unparsed: 'line 2 is not JSON' },
      [1, { b: [2] }],
    ]);
  });

  it(`refuses a line nesting deeper than ${MAX_JSON_DEPTH} levels, and parses one at the limit`, async () => {
    const atLimit = Buffer.from(`{"a":1}\n${nested(MAX_JSON_DEPTH)}`);
    expect(await decodeIngestBody(atLimit, ndjson, LIMITS)).toHaveLength(2);
    const tooDeep = Buffer.from(`{"a":1}\n${nested(MAX_JSON_DEPTH + 1)}`);
    await expect(decodeIngestBody(tooDeep, ndjson, LIMITS)).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      message: `the JSON body nests deeper than ${MAX_JSON_DEPTH} levels`,
    });
  });

  it('does not count brackets inside strings as nesting', async () => {
    const line = JSON.stringify({ note: '['.repeat(200), list: [[1]] });
    expect(await decodeIngestBody(Buffer.from(line), ndjson, LIMITS)).toEqual([JSON.parse(line)]);
  });

  it('drops a byte order mark and refuses a body that is not UTF-8', async () => {
    const withBom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('{"a":"é"}\n{"b":2}')]);
    expect(await decodeIngestBody(withBom, ndjson, LIMITS)).toEqual([{ a: 'é' }, { b: 2 }]);
    const latin1 = Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xe9, 0x22, 0x7d]);
    await expect(decodeIngestBody(latin1, ndjson, LIMITS)).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      message: 'the body is not UTF-8 text',
    });
  });
});
