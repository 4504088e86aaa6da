import { describe, expect, it } from 'vitest';
import { createProbingSetup } from '@ganzhi/probes';
import { ConfigError, parseServerConfig } from './config.js';

describe('server config', () => {
  it('defaults to SQLite in ./data on port 8080', () => {
    const config = parseServerConfig({});
    expect(config).toMatchObject({ port: 8080, host: '127.0.0.1', demo: false, databaseUrl: undefined });
    expect(config.databasePath).toMatch(/data\/ganzhi\.db$/);
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('lets flags win over the environment', () => {
    const config = parseServerConfig(
      { PORT: '9000', GANZHI_DATA_DIR: '/tmp/a' },
      { port: '9100', dataDir: '/tmp/b', demo: true },
    );
    expect(config).toMatchObject({ port: 9100, dataDir: '/tmp/b', demo: true });
  });

  it('names the setting that is wrong', () => {
    expect(() => parseServerConfig({ PORT: 'eighty' })).toThrow(ConfigError);
    expect(() => parseServerConfig({ PORT: 'eighty' })).toThrow(/PORT/);
    expect(() => parseServerConfig({ DATABASE_URL: 'mysql://x' })).toThrow(
      /DATABASE_URL: must be a postgres:\/\/ URL/,
    );
    expect(() => parseServerConfig({ GANZHI_TIME_ZONE: 'Mars/Base' })).toThrow(/GANZHI_TIME_ZONE/);
    expect(() => parseServerConfig({ GANZHI_ADMIN_PASSWORD: 'short' })).toThrow(/GANZHI_ADMIN_PASSWORD/);
  });

  it('reads probe address ranges and secrets, naming a bad range', () => {
    const config = parseServerConfig({
      GANZHI_PROBE_ALLOW: '10.0.0.0/8, 127.0.0.1',
      GANZHI_SECRET_BOSS_PASSWORD: 'pw-123',
    });
    expect(config.probeAllowRanges).toEqual(['10.0.0.0/8', '127.0.0.1']);
    expect(config.probeDenyRanges).toEqual([]);
    expect(config.probeSecrets.get('BOSS_PASSWORD')?.reveal()).toBe('pw-123');
    expect(() => parseServerConfig({ GANZHI_PROBE_DENY: '10.0.0.0/40' })).toThrow(
      /GANZHI_PROBE_DENY: not a CIDR range/,
    );
  });

  it('reads GANZHI_PROBE_DENY as ranges denied on top of the built-in ones', async () => {
    const config = parseServerConfig({ GANZHI_PROBE_DENY: '10.9.0.0/16' });
    expect(config.probeDenyRanges).toEqual(['10.9.0.0/16']);
    const probing = await createProbingSetup({ ...config, chromiumPath: '/nonexistent/chromium' });
    expect(probing.addressPolicy.check('10.9.1.1')).toMatch(/denied/);
    expect(probing.addressPolicy.check('169.254.169.254')).toMatch(/denied/);
    expect(probing.addressPolicy.check('100.100.100.200')).toMatch(/denied/);
    expect(probing.addressPolicy.check('10.1.1.1')).toBeNull();
    await probing.close();
  });

  it('keeps the admin password out of logs and JSON', () => {
    const config = parseServerConfig({ GANZHI_ADMIN_PASSWORD: 'a-long-secret' });
    expect(JSON.stringify(config)).not.toContain('a-long-secret');
    expect(config.adminPassword?.reveal()).toBe('a-long-secret');
  });
});
