import { describe, expect, it } from 'vitest';
import { compileUserPattern } from '@ganzhi/probes';
import { createSilentLogger, type Logger } from '@ganzhi/runtime';
import { FakeClock } from '@ganzhi/testing';
import { createLineParser, parseLogfmt, ParseErrorTally, type ParsedLine } from './line-parser.js';
import type { TailSource } from './tail-config.js';

function source(overrides: Partial<TailSource> = {}): TailSource {
  return {
    name: 'hall-crm',
    path: '/var/log/crm/txn.log',
    format: 'json',
    pattern: undefined,
    fields: {},
    constants: {},
    time: { format: 'iso', timeZone: 'Asia/Shanghai' },
    latencyUnit: 'ms',
    okValues: ['ok'],
    startAt: 'end',
    ...overrides,
  };
}

function recordOf(parsed: ParsedLine) {
  if (!parsed.ok) throw new Error(`expected a record, got: ${parsed.reason}`);
  return parsed.record;
}

describe('createLineParser', () => {
  it('reads a JSON line whose keys are the record fields', () => {
    const parse = createLineParser(source());
    const line = JSON.stringify({
      time: '2026-11-22T10:15:00+08:00',
      business: 'payment',
      channel: 'hall',
      region: 'changsha',
      latencyMs: 820,
      outcome: 'ok',
      clerkId: 'C0042',
    });
    expect(recordOf(parse(line))).toEqual({
      time: Date.UTC(2026, 10, 22, 2, 15),
      business: 'payment',
      channel: 'hall',
      region: 'changsha',
      latencyMs: 820,
      outcome: 'ok',
      clerkId: 'C0042',
    });
  });

  it('maps source fields (dotted paths into nested JSON) and fills constants', () => {
    const parse = createLineParser(
      source({
        fields: {
          time: 'ts',
          business: 'svc',
          latencyMs: 'resp.elapsed',
          outcome: 'resp.code',
          terminalId: 'pos',
        },
        constants: { channel: 'hall', region: 'changsha' },
        time: { format: 'epoch-ms', timeZone: 'Asia/Shanghai' },
        okValues: ['0000'],
      }),
    );
    const line =
      '{"ts": 1795400100000, "svc": "bill_query", "pos": 17, "resp": {"elapsed": 95, "code": "0000"}}';
    expect(recordOf(parse(line))).toEqual({
      time: 1795400100000,
      business: 'bill_query',
      channel: 'hall',
      region: 'changsha',
      terminalId: '17',
      latencyMs: 95,
      outcome: 'ok',
    });
  });

  it('reads logfmt with quoted values and keeps error codes that are not ok values', () => {
    const parse = createLineParser(
      source({
        format: 'logfmt',
        fields: { business: 'biz', latencyMs: 'cost', outcome: 'ret', errorClass: 'class' },
        time: { format: 'YYYY-MM-DD HH:mm:ss', timeZone: 'Asia/Shanghai' },
        okValues: ['0', 'SUCCESS'],
        latencyUnit: 's',
      }),
    );
    const failed = recordOf(
      parse(
        'time="2026-11-22 10:15:00.250" biz=payment channel=hall region=yueyang cost=3.2 ret=E1023 class=system msg="card \\"declined\\""',
      ),
    );
    expect(failed).toMatchObject({
      time: Date.UTC(2026, 10, 22, 2, 15, 0, 250),
      latencyMs: 3200,
      outcome: 'E1023',
      errorClass: 'system',
    });
    expect(
      recordOf(parse('time="2026-11-22 10:15:01" biz=payment channel=hall region=yueyang cost=0.123 ret=0')),
    ).toMatchObject({ outcome: 'ok', latencyMs: 123 });
    expect(parseLogfmt('a=1 b="two words" flag c=')).toEqual({ a: '1', b: 'two words', flag: 'true', c: '' });
  });

  it('reads a regex with named groups, mapped groups and groups named after record fields', () => {
    const parse = createLineParser(
      source({
        format: 'regex',
        pattern: compileUserPattern(
          '^(?<ts>\\S+ \\S+) \\[(?<clerkId>\\w+)\\] (?<business>\\w+) region=(?<region>\\w+) (?<ms>\\d+)ms (?<result>\\w+)$',
        ),
        fields: { time: 'ts', latencyMs: 'ms', outcome: 'result' },
        constants: { channel: 'hall' },
        time: { format: 'YYYY/MM/DD HH:mm:ss', timeZone: 'Asia/Shanghai' },
        okValues: ['SUCC'],
      }),
    );
    expect(
      recordOf(parse('2026/11/22 09:00:05 [C0042] account_opening region=changsha 2150ms SUCC')),
    ).toEqual({
      time: Date.UTC(2026, 10, 22, 1, 0, 5),
      business: 'account_opening',
      channel: 'hall',
      region: 'changsha',
      clerkId: 'C0042',
      latencyMs: 2150,
      outcome: 'ok',
    });
    expect(parse('garbage')).toEqual({ ok: false, reason: 'does not match the pattern' });
  });

  it('answers a catastrophic pattern on a hostile line at once, instead of stalling the agent', () => {
    const parse = createLineParser(
      source({
        format: 'regex',
        pattern: compileUserPattern('^(?<business>(\\w+\\s?)+)$'),
        constants: { channel: 'hall', region: 'changsha', outcome: 'ok', latencyMs: 1 },
      }),
    );
    const started = performance.now();
    expect(parse(`${'a'.repeat(50_000)}!`)).toEqual({ ok: false, reason: 'does not match the pattern' });
    // Generous bound: a backtracking engine takes far longer than any test timeout on this line.
    expect(performance.now() - started).toBeLessThan(2_000);
  });

  it.each([
    {
      format: 'iso',
      text: '2026-11-22T10:15:00',
      timeZone: 'Asia/Shanghai',
      expected: Date.UTC(2026, 10, 22, 2, 15),
    },
    {
      format: 'iso',
      text: '2026-11-22T10:15:00.5Z',
      timeZone: 'Asia/Shanghai',
      expected: Date.UTC(2026, 10, 22, 10, 15, 0, 500),
    },
    {
      format: 'iso',
      text: '2026-11-22 10:15:00-05:00',
      timeZone: 'Asia/Shanghai',
      expected: Date.UTC(2026, 10, 22, 15, 15),
    },
    {
      format: 'YYYY-MM-DD HH:mm:ss',
      text: '2026-11-22 10:15:00,042',
      timeZone: 'Asia/Shanghai',
      expected: Date.UTC(2026, 10, 22, 2, 15, 0, 42),
    },
    {
      format: 'YYYY-MM-DD HH:mm:ss',
      text: '2026-07-01 12:00:00',
      timeZone: 'Europe/Berlin',
      expected: Date.UTC(2026, 6, 1, 10),
    },
    {
      format: 'YYYY-MM-DD HH:mm:ss',
      text: '2026-01-01 12:00:00',
      timeZone: 'Europe/Berlin',
      expected: Date.UTC(2026, 0, 1, 11),
    },
    {
      format: 'YYYYMMDDHHmmss',
      text: '20261122101500',
      timeZone: 'Asia/Shanghai',
      expected: Date.UTC(2026, 10, 22, 2, 15),
    },
    {
      format: 'DD/MMM/YYYY:HH:mm:ss',
      text: '22/Nov/2026:10:15:00 +0800',
      timeZone: 'UTC',
      expected: Date.UTC(2026, 10, 22, 2, 15),
    },
    {
      format: 'DD/MMM/YYYY:HH:mm:ss',
      text: '22/Nov/2026:10:15:00',
      timeZone: 'Asia/Shanghai',
      expected: Date.UTC(2026, 10, 22, 2, 15),
    },
    { format: 'epoch-s', text: '1795400100.25', timeZone: 'Asia/Shanghai', expected: 1795400100250 },
  ] as const)('reads $format time $text in $timeZone', ({ format, text, timeZone, expected }) => {
    const parse = createLineParser(source({ time: { format, timeZone }, constants: { channel: 'hall' } }));
    const line = JSON.stringify({
      time: text,
      business: 'payment',
      region: 'changsha',
      latencyMs: 1,
      outcome: 'ok',
    });
    expect(recordOf(parse(line)).time).toBe(expected);
  });

  it('explains lines it cannot use instead of throwing', () => {
    const parse = createLineParser(
      source({ time: { format: 'YYYY-MM-DD HH:mm:ss', timeZone: 'Asia/Shanghai' } }),
    );
    const base = { time: '2026-11-22 10:15:00', business: 'payment', channel: 'hall', region: 'changsha' };
    const reasons = [
      '{"time": ',
      '[1, 2]',
      JSON.stringify({ ...base, time: '2026-02-30 10:00:00', latencyMs: 1, outcome: 'ok' }),
      JSON.stringify({ ...base, time: '22.11.2026 10:15', latencyMs: 1, outcome: 'ok' }),
      JSON.stringify({ ...base, latencyMs: 'fast', outcome: 'ok' }),
      JSON.stringify({ ...base, outcome: 'ok' }),
      JSON.stringify({ ...base, latencyMs: -3, outcome: 'ok' }),
      JSON.stringify({ ...base, latencyMs: 3 }),
    ].map((line) => {
      const parsed = parse(line);
      return parsed.ok ? 'parsed' : parsed.reason;
    });
    expect(reasons).toEqual([
      'not JSON',
      'not a JSON object',
      'time: "2026-02-30 10:00:00" is not a valid date and time',
      'time: "22.11.2026 10:15" is not YYYY-MM-DD HH:mm:ss',
      'latencyMs: "fast" is not a number',
      'latencyMs: missing',
      expect.stringMatching(/^latencyMs: /),
      expect.stringMatching(/^outcome: /),
    ]);
  });
});

describe('ParseErrorTally', () => {
  it('counts every bad line, keeps the last as an example and logs at most once a minute', async () => {
    const clock = new FakeClock();
    const logged: unknown[] = [];
    const logger = createSilentLogger();
    logger.warn = ((fields: unknown) => {
      logged.push(fields);
    }) as Logger['warn'];
    const tally = new ParseErrorTally({ source: 'hall-crm', logger, clock });
    for (let i = 0; i < 500; i++) tally.add(`bad line ${i}`, 'not JSON');
    expect(tally.total).toBe(500);
    expect(tally.last).toEqual({ line: 'bad line 499', reason: 'not JSON' });
    expect(logged).toEqual([expect.objectContaining({ skippedLines: 1, example: 'bad line 0' })]);
    await clock.advance(59_000);
    tally.flush();
    expect(logged).toHaveLength(1);
    await clock.advance(1000);
    tally.flush();
    expect(logged.at(-1)).toEqual(
      expect.objectContaining({
        source: 'hall-crm',
        skippedLines: 499,
        totalSkipped: 500,
        example: 'bad line 499',
      }),
    );
  });
});
