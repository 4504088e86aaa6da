import { describe, expect, it } from 'vitest';
import { FlowVariables } from './flow-variables.js';
import { compare, inspectObservation } from './inspect-observation.js';
import { SECRET_MASK } from './mask-secrets.js';
import { readRegex } from './read-subject.js';

const hostileBody = `${'a'.repeat(100_000)}b`;

describe('user patterns in assertions and extractions', () => {
  it('answers a catastrophic `matches` assertion and regex extraction on a long body at once', () => {
    const started = performance.now();
    expect(compare(hostileBody, { comparison: 'matches', value: '^(a+)+$' })).toBe(false);
    expect(compare(`${hostileBody.slice(0, -1)}a`, { comparison: 'matches', value: '^(a+)+$' })).toBe(true);
    expect(readRegex(hostileBody, '^(?:a|aa)+(b)$')).toBe('b');
    // Generous bound: a backtracking engine takes minutes on this body.
    expect(performance.now() - started).toBeLessThan(2_000);
  });
});

describe('inspectObservation', () => {
  it('marks an extracted value that shows a secret as secret, and masks assertion values before cutting them', async () => {
    const variables = new FlowVariables({ secrets: { KEY: 'k3y-0042-secret' }, now: () => 0 });
    const body = JSON.stringify({
      echo: Buffer.from('k3y-0042-secret').toString('base64'),
      pad: 'x'.repeat(190),
    });
    const inspection = await inspectObservation(
      { latencyMs: 1, body },
      {
        extract: [{ variable: 'echo', from: 'jsonPath', expression: '$.echo', secret: false }],
        assert: [{ subject: 'body', expression: '', comparison: 'contains', value: 'absent' }],
      },
      variables,
    );
    expect(variables.snapshot()).toEqual({ echo: SECRET_MASK });
    expect(inspection.assertions[0]?.actual).toContain(SECRET_MASK);
    expect(inspection.failure).toMatch(/^assertion failed: body contains absent/);
  });

  it('fails the step, not the run, on an expression a run cannot evaluate', async () => {
    const inspection = await inspectObservation(
      { latencyMs: 1, body: '{"items":[{"price":5}]}' },
      {
        extract: [
          { variable: 'cheap', from: 'jsonPath', expression: '$.items[?(@.price<10)]', secret: false },
        ],
        assert: [{ subject: 'body', expression: '', comparison: 'matches', value: '(?=x)' }],
      },
      new FlowVariables({ secrets: {}, now: () => 0 }),
    );
    expect(inspection.failure).toMatch(
      /^could not extract \{\{cheap\}\} .*filter and script expressions such as \[\?\(@\.price<10\)\] are not supported/,
    );
    expect(inspection.assertions[0]).toMatchObject({
      ok: false,
      actual: expect.stringMatching(/lookahead/) as unknown,
    });
  });
});
