import { describe, expect, it } from 'vitest';
import type { Run } from '@ganzhi/contracts';
import { translate } from '../../../lib/i18n';
import { buildPhaseChartOption } from './phase-chart-option';

const t = translate.bind(null, 'en');

function runWith(ok: boolean, firstByteMs: number | null): Run {
  return {
    id: 'r1',
    checkId: 'c1',
    agentId: 'builtin',
    location: 'local',
    startedAt: '2025-03-31T11:00:00.000Z',
    durationMs: 40,
    ok,
    errorClass: ok ? null : 'timeout',
    errorMessage: null,
    steps: [
      {
        index: 0,
        kind: 'http',
        name: 'GET',
        ok,
        startedAt: '2025-03-31T11:00:00.000Z',
        timings: { dnsMs: null, connectMs: 1, tlsMs: null, firstByteMs, downloadMs: 2, totalMs: 40 },
        errorClass: null,
        errorMessage: null,
        assertions: [],
        detail: {},
      },
    ],
    artifacts: [],
  };
}

describe('buildPhaseChartOption', () => {
  it('has no chart without runs', () => {
    expect(buildPhaseChartOption([], t)).toBeNull();
  });

  it('stacks the phases per run, counting phases that did not happen as zero rather than NaN', () => {
    const option = buildPhaseChartOption([runWith(true, 30), runWith(false, null)], t);
    expect(option?.series).toMatchObject([
      { name: 'DNS', data: [0, 0] },
      { name: 'Connect', data: [1, 1] },
      { name: 'TLS', data: [0, 0] },
      { name: 'First byte', data: [30, 0] },
      { name: 'Download', data: [2, 2] },
    ]);
  });
});
