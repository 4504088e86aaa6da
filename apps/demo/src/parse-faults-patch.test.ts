import { describe, expect, it } from 'vitest';
import { parseFaultsPatch } from './parse-faults-patch.js';

const paths = new Set(['/api/webhall/payment']);

describe('parseFaultsPatch', () => {
  it('accepts known knobs and overrides for known routes', () => {
    const patch = {
      errorRatio: 0.2,
      monthEnd: true,
      routes: { '/api/webhall/payment': { latencyMs: 3000 } },
    };
    expect(parseFaultsPatch(patch, paths)).toEqual({ ok: true, value: patch });
  });

  it('accepts a white page per route and an expired certificate for the whole back end', () => {
    const patch = { expiredCertificate: true, routes: { '/api/webhall/payment': { whitePage: true } } };
    expect(parseFaultsPatch(patch, paths)).toEqual({ ok: true, value: patch });
  });

  it.each([
    [{ errorRatio: 1.5 }, 'faults.errorRatio must be a ratio between 0 and 1'],
    [{ latencyMs: -1 }, 'faults.latencyMs must be between 0 and 3600000 ms'],
    [{ latencyMs: '100' }, 'faults.latencyMs must be a number'],
    [{ down: 'yes' }, 'faults.down must be true or false'],
    [{ errorRate: 0.1 }, 'faults.errorRate is not a fault knob'],
    [{ whitePage: 1 }, 'faults.whitePage must be true or false'],
    [{ expiredCertificate: 'true' }, 'faults.expiredCertificate must be true or false'],
    [
      { routes: { '/api/webhall/payment': { expiredCertificate: true } } },
      'routes[/api/webhall/payment].expiredCertificate is not a fault knob',
    ],
    [{ routes: { '/api/nope': { down: true } } }, 'routes: /api/nope is not a demo route'],
    [
      { routes: { '/api/webhall/payment': { slowRatio: 2 } } },
      'routes[/api/webhall/payment].slowRatio must be a ratio between 0 and 1',
    ],
    [[1, 2], 'the body must be a JSON object of fault knobs'],
    [undefined, 'the body must be a JSON object of fault knobs'],
  ])('rejects %j', (input, message) => {
    expect(parseFaultsPatch(input, paths)).toEqual({ ok: false, message });
  });
});
