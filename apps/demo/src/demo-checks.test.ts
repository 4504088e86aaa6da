import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoBackend, type DemoBackend } from './demo-backend.js';
import { demoCheckDefinitions } from './demo-checks.js';

let demo: DemoBackend;

beforeAll(async () => {
  demo = await startDemoBackend({ random: () => 0 });
});

afterAll(async () => {
  await demo.close();
});

const CODE = /^[a-z0-9][a-z0-9_-]*$/;

describe('demoCheckDefinitions', () => {
  it('covers the web hall, SMS hall and IVR with stable, unique names', () => {
    const checks = demoCheckDefinitions(demo.url);
    expect(new Set(checks.map((check) => check.name)).size).toBe(checks.length);
    expect(new Set(checks.map((check) => check.channel))).toEqual(new Set(['web_hall', 'sms_hall', 'ivr']));
    for (const check of checks) {
      expect(
        [check.business, check.channel, check.region, ...check.locations].every((code) => CODE.test(code)),
      ).toBe(true);
      expect(check.intervalSeconds).toBeGreaterThanOrEqual(30);
      expect(check.intervalSeconds).toBeLessThanOrEqual(60);
      expect(check.tags).toContain('demo');
    }
  });

  it('points every step at the given base URL, with or without its trailing slash', () => {
    const base = demo.url.replace(/\/$/, '');
    for (const check of demoCheckDefinitions(base)) {
      for (const step of check.steps) expect(step.url.startsWith(demo.url)).toBe(true);
    }
  });

  it('defines steps the demo back end answers as expected', async () => {
    for (const check of demoCheckDefinitions(demo.url)) {
      for (const step of check.steps) {
        const init = {
          method: step.method,
          headers: step.headers,
          ...(step.body === undefined ? {} : { body: step.body }),
        };
        const response = await fetch(step.url, init);
        expect({ name: check.name, status: response.status }).toEqual({
          name: check.name,
          status: step.expectStatus,
        });
        expect(await response.text()).toContain(step.bodyContains);
      }
    }
  });
});
