import { afterEach, describe, expect, it } from 'vitest';
import { startDemoBackend, type DemoBackend } from '@ganzhi/demo';
import { describeDemoBackend, parseDemoPorts, startServeDemoBackend } from './demo-address.js';

const started: DemoBackend[] = [];

afterEach(async () => {
  for (const demo of started.splice(0)) await demo.close();
});

describe('the demo back end address of ganzhi serve --demo', () => {
  it('is 8081 (HTTP) and 8443 (HTTPS) unless GANZHI_DEMO_PORT / GANZHI_DEMO_TLS_PORT say otherwise', () => {
    expect(parseDemoPorts({})).toEqual({ http: 8081, https: 8443 });
    expect(parseDemoPorts({ GANZHI_DEMO_PORT: '9081', GANZHI_DEMO_TLS_PORT: '0' })).toEqual({
      http: 9081,
      https: 0,
    });
    expect(parseDemoPorts({ GANZHI_DEMO_PORT: '' })).toEqual({ http: 8081, https: 8443 });
  });

  it('refuses a port that is not one, naming the variable', () => {
    expect(() => parseDemoPorts({ GANZHI_DEMO_PORT: 'eighty' })).toThrow(/GANZHI_DEMO_PORT: must be a port/);
    expect(() => parseDemoPorts({ GANZHI_DEMO_TLS_PORT: '70000' })).toThrow(/GANZHI_DEMO_TLS_PORT/);
  });

  it('moves to free ports when the documented ones are taken, and the banner says so', async () => {
    const first = await startDemoBackend({ tls: {} });
    started.push(first);
    const ports = { http: first.port, https: Number(new URL(first.httpsUrl ?? '').port) };
    const second = await startServeDemoBackend(ports);
    started.push(second);
    expect(second.port).not.toBe(first.port);
    expect(describeDemoBackend(first, ports, 8)).toBe(
      `Demo back end: ${first.url} and ${first.httpsUrl ?? ''} (8 demo checks)`,
    );
    expect(describeDemoBackend(second, ports, 8)).toBe(
      `Demo back end: ${second.url} and ${second.httpsUrl ?? ''} (8 demo checks; ports ${ports.http} and ` +
        `${ports.https} were taken, so examples written for 127.0.0.1:${ports.http} or 127.0.0.1:${ports.https} ` +
        'need the addresses above)',
    );
  });
});
