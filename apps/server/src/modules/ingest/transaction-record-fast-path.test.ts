import { describe, expect, it } from 'vitest';
import { transactionRecordSchema } from '@ganzhi/contracts';
import { readWellFormedRecord } from './transaction-record-fast-path.js';

const long = (length: number) => 'x'.repeat(length);

/** Candidate values per field: well formed, at and past each bound, wrong types, unstorable text. */
const TEXT = ['payment', '  padded  ', '网厅', long(128), ` ${long(128)} `, long(129), '', '   ', 'a\u0000b'];
const TEXT_EXTRA = ['x\uD800', 'x\uDC00y', 'smile \u{1F600}', null, 7, ['a'], {}, true];
const CANDIDATES: Record<string, readonly unknown[]> = {
  time: [
    1_700_000_000_000,
    1,
    0,
    -5,
    1.5,
    2 ** 53,
    Number.NaN,
    Number.POSITIVE_INFINITY,
    '2026-11-30T06:28:00Z',
    '2026-11-30T06:28:00.123456+08:00',
    '2026-11-30T06:28:00',
    '2026-11-30 06:28:00Z',
    '2026-13-01T00:00:00Z',
    '2025-02-29T00:00:00Z',
    '2024-02-29T00:00:00+24:00',
    ' 2026-11-30T06:28:00Z',
    '1700000000000',
    null,
    undefined,
  ],
  business: [...TEXT, ...TEXT_EXTRA, undefined],
  channel: ['web_hall', ' ivr', '', 3],
  region: ['changsha', long(129), null, undefined],
  latencyMs: [0, 800, 0.25, 86_400_000, 86_400_001, -1, -0, Number.NaN, '800', null, undefined],
  outcome: ['ok', 'E1023', ' ok ', long(64), long(65), ` ${long(64)}`, '', 'E\u00001', 'OK'],
  system: [undefined, 'CRM', '', null],
  host: [undefined, 'boss-01', long(129)],
  clerkId: [undefined, 'clerk-7', 'clerk\u0000'],
  terminalId: [undefined, ' T-1 ', 5],
  segment: [undefined, 'MVC', '  ', 'x\uD800'],
  customerId: [undefined, '13800000001', long(128), long(129)],
  errorClass: [undefined, 'timeout', long(64), long(65), ''],
  externalId: [undefined, 'tx-1', ' tx-2 ', '', long(200), long(201), 'xt-\uDBFF', 'xt-\u{1F600}', 12],
  unknownField: [undefined, 'kept out', { nested: true }],
};

/** Deterministic pseudo-random records drawn from the candidates (a linear congruential generator, seed 7). */
function* generateRecords(count: number): Generator<Record<string, unknown>> {
  let seed = 7;
  const next = () => (seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648;
  for (let i = 0; i < count; i++) {
    const record: Record<string, unknown> = {};
    for (const [field, values] of Object.entries(CANDIDATES)) {
      // Mostly the first (well-formed) value, so that many whole records are valid.
      const value = next() < 0.7 ? values[0] : values[Math.floor(next() * values.length)];
      if (value !== undefined) record[field] = value;
    }
    yield record;
  }
}

describe('readWellFormedRecord', () => {
  it('accepts only what the schema accepts, with the same output, over 20,000 generated records', () => {
    let fast = 0;
    let valid = 0;
    for (const record of generateRecords(20_000)) {
      const read = readWellFormedRecord(record);
      const parsed = transactionRecordSchema.safeParse(record);
      if (parsed.success) valid++;
      if (read === undefined) continue;
      fast++;
      expect(parsed.success, JSON.stringify(record)).toBe(true);
      expect(read).toEqual(parsed.data);
    }
    // Most valid records take the fast path (paired surrogates and the like go to the schema).
    expect(valid).toBeGreaterThan(2000);
    expect(fast / valid).toBeGreaterThan(0.9);
  });

  it('reads the records shippers send, with dimension values and outcomes trimmed as the schema trims them', () => {
    const record = {
      time: '2026-11-30T06:28:00+08:00',
      business: ' PAY ',
      channel: '网厅',
      region: 'changsha',
      segment: 'mvc',
      latencyMs: 812.5,
      outcome: 'ok ',
      externalId: ' id-1',
    };
    expect(readWellFormedRecord(record)).toEqual({ ...record, business: 'PAY', outcome: 'ok' });
    expect(readWellFormedRecord(record)).toEqual(transactionRecordSchema.parse(record));
  });

  it('leaves wrong types, missing fields and unstorable text to the schema', () => {
    const base = { time: 1_700_000_000_000, business: 'payment', channel: 'ivr', region: 'changsha' };
    expect(readWellFormedRecord({ ...base, latencyMs: 5, outcome: 'ok' })).toBeDefined();
    expect(readWellFormedRecord({ ...base, latencyMs: '5', outcome: 'ok' })).toBeUndefined();
    expect(readWellFormedRecord({ ...base, latencyMs: 5 })).toBeUndefined();
    expect(readWellFormedRecord({ ...base, latencyMs: 5, outcome: 'ok', host: null })).toBeUndefined();
    expect(readWellFormedRecord({ ...base, latencyMs: 5, outcome: 'o\u0000k' })).toBeUndefined();
    expect(readWellFormedRecord([base])).toBeUndefined();
    expect(readWellFormedRecord(null)).toBeUndefined();
  });
});
