import { describe, expect, it } from 'vitest';
import { MappingError, parseTime, resolveMapping, rowToRecord } from './csv-mapping.js';

const options = { timeZone: 'Asia/Shanghai', okValues: ['ok', '0', '成功'], latencyUnit: 'ms' as const };

describe('CSV column mapping', () => {
  it('maps columns named like fields by default and explicit --map options first', () => {
    const mapping = resolveMapping(
      ['交易时间', 'business', 'Channel', 'region', 'latency_ms', '结果', 'serial'],
      ['time=交易时间', 'outcome=结果', 'externalId=serial'],
    );
    expect(mapping).toEqual({
      time: '交易时间',
      business: 'business',
      channel: 'Channel',
      region: 'region',
      latencyMs: 'latency_ms',
      outcome: '结果',
      externalId: 'serial',
    });
  });

  it('names every mapping problem at once, with the header columns', () => {
    const attempt = () => resolveMapping(['when', 'business'], ['time=at', 'colour=when']);
    expect(attempt).toThrow(MappingError);
    expect(attempt).toThrow('no column "at" in the header (columns: when, business)');
    expect(attempt).toThrow('unknown field "colour"');
    expect(attempt).toThrow('no column for time, channel, region, latencyMs, outcome');
  });
});

describe('CSV rows', () => {
  const mapping = resolveMapping(
    ['time', 'business', 'channel', 'region', 'latencyMs', 'outcome', 'clerk'],
    ['clerkId=clerk'],
  );

  it('reads local times in the given zone, epoch seconds and ISO times', () => {
    expect(parseTime('2026-11-30 09:15:00', 'Asia/Shanghai')).toBe(Date.UTC(2026, 10, 30, 1, 15));
    expect(parseTime('2026/11/30 09:15', 'Asia/Shanghai')).toBe(Date.UTC(2026, 10, 30, 1, 15));
    expect(parseTime('1795400000', 'Asia/Shanghai')).toBe(1_795_400_000_000);
    expect(parseTime('2026-11-30T01:15:00Z', 'Asia/Shanghai')).toBe(Date.UTC(2026, 10, 30, 1, 15));
    expect(parseTime('yesterday', 'Asia/Shanghai')).toBeNull();
    expect(parseTime('2026-11-30T01:15:00', 'Asia/Shanghai')).toBe(Date.UTC(2026, 10, 29, 17, 15));
  });

  it('turns a row into a record, success values into ok and other outcomes into error codes', () => {
    const row = {
      time: '2026-11-30 09:15:00',
      business: '缴费',
      channel: '实体厅',
      region: '长沙',
      latencyMs: '1,250',
      outcome: '成功',
      clerk: 'C07',
    };
    expect(rowToRecord(row, { mapping, options })).toEqual({
      ok: true,
      record: {
        time: Date.UTC(2026, 10, 30, 1, 15),
        business: '缴费',
        channel: '实体厅',
        region: '长沙',
        latencyMs: 1250,
        outcome: 'ok',
        clerkId: 'C07',
      },
    });
    const failed = rowToRecord({ ...row, outcome: 'E1023' }, { mapping, options });
    expect(failed.ok && failed.record.outcome).toBe('E1023');
  });

  it('rejects a row with every reason: bad time, latency not a number, empty required cells', () => {
    const result = rowToRecord(
      { time: 'soon', business: '', channel: 'hall', region: 'changsha', latencyMs: 'fast', outcome: 'ok' },
      { mapping, options },
    );
    expect(result).toEqual({
      ok: false,
      reason: 'time "soon" is not a date and time; latency "fast" is not a number ≥ 0; business is empty',
    });
  });

  it('checks the record against the shared schema: a latency over a day and an over-long value are refused', () => {
    const row = {
      time: '2026-11-30 09:15:00',
      business: '缴费',
      channel: '实体厅',
      region: '长沙',
      latencyMs: '90000',
      outcome: 'E'.repeat(65),
      clerk: 'C07',
    };
    const seconds = { ...options, latencyUnit: 's' as const };
    expect(rowToRecord(row, { mapping, options: seconds })).toEqual({
      ok: false,
      reason: expect.stringMatching(/^latencyMs: .*86400000.*; outcome: .*64/) as unknown,
    });
    const fine = rowToRecord({ ...row, latencyMs: '1.25', outcome: 'ok' }, { mapping, options: seconds });
    expect(fine.ok && fine.record.latencyMs).toBe(1250);
  });
});
