import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stepSchema, type Step } from '@ganzhi/contracts';
import { systemClock } from '@ganzhi/runtime';
import { runFlow } from './run-flow.js';
import { ALLOW_ALL_ADDRESSES } from './safety/address-policy.js';

const ORDER = { a: { b: 'deep' }, id: 'order-1', items: [{ id: 'item-1', name: '宽带' }, { id: 'item-2' }] };

/** `/order` answers JSON; `/plain` answers text, where every JSONPath finds nothing; `/seen` counts requests. */
let requestsAfterFailure = 0;
function handle(request: http.IncomingMessage, response: http.ServerResponse): void {
  if (request.url === '/order') {
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(JSON.stringify(ORDER));
  } else if (request.url === '/seen') {
    requestsAfterFailure += 1;
    response.end('ok');
  } else response.end('not json');
}

let base = '';
const server = http.createServer(handle);
beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => new Promise((resolve) => server.close(resolve)));

const steps = (raw: unknown[]): Step[] => raw.map((step) => stepSchema.parse(step));
const options = { clock: systemClock, addressPolicy: ALLOW_ALL_ADDRESSES };

const INVALID: readonly [string, RegExp][] = [
  ['$..[', /invalid JSONPath: "\[" at character 4 is not closed/],
  ['$.a[', /invalid JSONPath: "\[" at character 4 is not closed/],
  ['$[?(', /filter and script expressions such as \[\?\(…\)\] are not supported/],
  ['', /a JSONPath starts with "\$"/],
  ['foo', /a JSONPath starts with "\$", e\.g\. \$\.foo/],
];

describe('runFlow with JSONPath', () => {
  it.each(INVALID)(
    'fails exists and notExists on %j with the parse problem, never matching the body',
    async (path, problem) => {
      const result = await runFlow(
        steps([
          {
            kind: 'http',
            url: `${base}/order`,
            assert: [
              { subject: 'jsonPath', expression: path, comparison: 'exists' },
              { subject: 'jsonPath', expression: path, comparison: 'notExists' },
            ],
          },
        ]),
        options,
      );
      expect(result).toMatchObject({ ok: false, errorClass: 'assertion' });
      const assertions = result.steps[0]?.assertions.filter((assertion) =>
        assertion.name.startsWith('jsonPath'),
      );
      expect(assertions?.map((assertion) => assertion.ok)).toEqual([false, false]);
      for (const assertion of assertions ?? []) expect(assertion.actual).toMatch(problem);
      expect(result.errorMessage).toMatch(problem);
    },
  );

  it.each(INVALID)(
    'fails the extraction of %j with the parse problem, and no later step runs',
    async (path, problem) => {
      requestsAfterFailure = 0;
      const result = await runFlow(
        steps([
          {
            kind: 'http',
            url: `${base}/order`,
            extract: [{ variable: 'v', from: 'jsonPath', expression: path }],
          },
          { kind: 'http', url: `${base}/seen?v={{v}}` },
        ]),
        options,
      );
      expect(result).toMatchObject({ ok: false, errorClass: 'assertion' });
      expect(result.steps).toHaveLength(1);
      expect(result.errorMessage).toMatch(/could not extract \{\{v\}\}/);
      expect(result.errorMessage).toMatch(problem);
      expect(result.variables).toEqual({});
      expect(requestsAfterFailure).toBe(0);
    },
  );

  it('fails an invalid path on a body that is not JSON too, rather than reporting it absent', async () => {
    const result = await runFlow(
      steps([
        {
          kind: 'http',
          url: `${base}/plain`,
          assert: [
            { subject: 'jsonPath', expression: '$.a', comparison: 'notExists' },
            { subject: 'jsonPath', expression: '$.a[', comparison: 'notExists' },
          ],
        },
      ]),
      options,
    );
    expect(result.steps[0]?.assertions.slice(-2).map((assertion) => assertion.ok)).toEqual([true, false]);
    expect(result.errorMessage).toMatch(/invalid JSONPath/);
  });

  it('evaluates valid paths as written', async () => {
    const result = await runFlow(
      steps([
        {
          kind: 'http',
          url: `${base}/order`,
          extract: [
            { variable: 'deep', from: 'jsonPath', expression: '$.a.b' },
            { variable: 'firstId', from: 'jsonPath', expression: '$..id' },
            { variable: 'itemName', from: 'jsonPath', expression: '$.items[0].name' },
            { variable: 'firstItem', from: 'jsonPath', expression: '$.items[*]' },
          ],
          assert: [
            { subject: 'jsonPath', expression: '$.items[*]', comparison: 'exists' },
            { subject: 'jsonPath', expression: '$.items[1].name', comparison: 'notExists' },
          ],
        },
      ]),
      options,
    );
    expect(result.errorMessage).toBeNull();
    expect(result.variables).toEqual({
      deep: 'deep',
      firstId: 'order-1',
      itemName: '宽带',
      firstItem: JSON.stringify(ORDER.items[0]),
    });
  });
});
