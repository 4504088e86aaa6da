import { describe, expect, it } from 'vitest';
import { formatRejectsCsv, rejectionsOfBatch, unreadableRow } from './import-rejections.js';

describe('rejections of an import', () => {
  const sent = [
    { line: 2, cells: { 时间: '2026-11-30 09:15', 渠道: '实体厅' } },
    { line: 5, cells: { 时间: '2026-11-30 09:16', 渠道: '火星厅' } },
    { line: 9, cells: { 时间: '2026-11-30 09:17', 渠道: '网厅' } },
  ];

  it("maps the server's batch indexes back to the CSV lines the records came from", () => {
    const rejections = rejectionsOfBatch(sent, [
      { index: 1, reason: 'channel: unknown channel "火星厅"' },
      { index: 2, reason: 'time: in the future (check the source clock)' },
    ]);
    expect(rejections).toEqual([
      { line: 5, reason: 'channel: unknown channel "火星厅"', cells: sent[1]?.cells },
      { line: 9, reason: 'time: in the future (check the source clock)', cells: sent[2]?.cells },
    ]);
  });

  it('keeps the reason of an index outside the batch, on line 0', () => {
    expect(rejectionsOfBatch(sent, [{ index: 7, reason: 'latencyMs: too big' }])).toEqual([
      { line: 0, reason: 'record 7 of a batch: latencyMs: too big' },
    ]);
  });

  it('writes line, reason and the original cells in line order, quoting what needs it', () => {
    const csv = formatRejectsCsv(
      [
        { line: 9, reason: 'time: in the future', cells: { 时间: '2026-11-30 09:17', 渠道: '网厅' } },
        { line: 4, reason: 'not a CSV row: Quote Not Closed' },
        { line: 5, reason: 'channel: unknown; latency "1,5"', cells: { 时间: 'x', 渠道: '火星厅' } },
      ],
      ['时间', '渠道'],
    );
    expect(csv.split('\n')).toEqual([
      'line,reason,时间,渠道',
      '4,not a CSV row: Quote Not Closed,,',
      '5,"channel: unknown; latency ""1,5""",x,火星厅',
      '9,time: in the future,2026-11-30 09:17,网厅',
      '',
    ]);
  });

  it('puts a quote never closed on the line after the last good row, naming the lines it swallowed', () => {
    const error = { code: 'CSV_QUOTE_NOT_CLOSED', message: 'Quote Not Closed: … at line 15', lines: 15 };
    expect(unreadableRow(error, 6)).toEqual({
      line: 7,
      reason: 'not a CSV row: a quote opened on this line is never closed, so lines 7–15 could not be read',
    });
    expect(unreadableRow({ ...error, lines: 7 }, 6)).toEqual({
      line: 7,
      reason: 'not a CSV row: a quote opened on this line is never closed',
    });
  });

  it('keeps the line and message of any other unreadable row', () => {
    const error = {
      code: 'CSV_RECORD_INCONSISTENT_COLUMNS',
      message: 'Invalid Record Length: columns length is 6, got 1 on line 13',
      lines: 13,
    };
    expect(unreadableRow(error, 11)).toEqual({
      line: 13,
      reason: 'not a CSV row: Invalid Record Length: columns length is 6, got 1 on line 13',
    });
  });
});
