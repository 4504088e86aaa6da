import { describe, expect, it } from 'vitest';
import type { StepResult } from '@ganzhi/contracts';
import { translate } from '../../../lib/i18n';
import { buildWaterfallChartOption, buildWaterfallRows, escapeHtml } from './waterfall-chart-option';

const t = translate.bind(null, 'en');
const FLOW_START = '2025-03-31T11:00:00.000Z';

function stepAt(index: number, patch: Partial<StepResult>): StepResult {
  return {
    index,
    kind: 'http',
    name: `step ${index + 1}`,
    ok: true,
    startedAt: FLOW_START,
    timings: { dnsMs: null, connectMs: null, tlsMs: null, firstByteMs: null, downloadMs: null, totalMs: 0 },
    errorClass: null,
    errorMessage: null,
    assertions: [],
    detail: {},
    ...patch,
  };
}

const steps = [
  stepAt(0, {
    name: 'login',
    timings: { dnsMs: 2, connectMs: 3, tlsMs: null, firstByteMs: 40, downloadMs: 5, totalMs: 52 },
  }),
  stepAt(1, {
    kind: 'browser',
    startedAt: '2025-03-31T11:00:00.060Z',
    timings: { dnsMs: null, connectMs: null, tlsMs: null, firstByteMs: null, downloadMs: null, totalMs: 900 },
    ok: false,
  }),
];

describe('buildWaterfallRows', () => {
  it('offsets each step by its start in the flow and keeps time outside phases as "other"', () => {
    const rows = buildWaterfallRows(steps, FLOW_START);
    expect(rows.map((row) => [row.label, row.offsetMs, row.otherMs, row.ok])).toEqual([
      ['1. login', 0, 2, true],
      ['2. step 2', 60, 900, false],
    ]);
    expect(rows[0]?.phases).toEqual({ dnsMs: 2, connectMs: 3, tlsMs: 0, firstByteMs: 40, downloadMs: 5 });
  });

  it('clamps a step that seems to start before the flow (clock skew) to zero', () => {
    const [row] = buildWaterfallRows([stepAt(0, { startedAt: '2025-03-31T10:59:59.000Z' })], FLOW_START);
    expect(row?.offsetMs).toBe(0);
  });
});

describe('buildWaterfallChartOption', () => {
  it('has no chart when no step ran', () => {
    expect(buildWaterfallChartOption([], FLOW_START, t)).toBeNull();
  });

  it('stacks an invisible offset, the phases and the rest, and paints the failed step red', () => {
    const option = buildWaterfallChartOption(steps, FLOW_START, t);
    const series = option?.series as { name: string; data: unknown[] }[];
    expect(series.map((entry) => entry.name)).toEqual([
      'offset',
      'DNS',
      'Connect',
      'TLS',
      'First byte',
      'Download',
      'Other',
    ]);
    expect(series[0]?.data).toEqual([0, 60]);
    expect(series[6]?.data).toEqual([
      { value: 2, itemStyle: { color: '#8c8c8c' } },
      { value: 900, itemStyle: { color: '#cf1322' } },
    ]);
    expect((option?.yAxis as { data: string[] }).data).toEqual(['{ok|✓ 1. login}', '{failed|✗ 2. step 2}']);
  });

  it('escapes step names in tooltips', () => {
    expect(escapeHtml('<img onerror="x">')).toBe('&#60;img onerror=&#34;x&#34;&#62;');
  });
});
