import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { AgentConfigError, parseAgentConfig } from '../config.js';
import { readTailConfig, TailConfigError } from './tail-config.js';

const dir = mkdtempSync(join(tmpdir(), 'ganzhi-tail-config-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function write(name: string, text: string): string {
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
}

describe('readTailConfig', () => {
  it('reads a YAML business-hall source with defaults, the pattern compiled and the path made absolute', () => {
    const file = write(
      'hall.yaml',
      `sources:
  - name: hall-crm
    path: logs/crm-txn.log
    format: regex
    pattern: '^(?<ts>\\S+ \\S+) (?<business>\\w+) (?<ms>\\d+) (?<result>\\w+)$'
    fields: { time: ts, latencyMs: ms, outcome: result }
    constants: { channel: hall, region: changsha }
    time: { format: 'YYYY-MM-DD HH:mm:ss' }
    okValues: ['0000']
`,
    );
    const [source] = readTailConfig(file);
    expect(source).toMatchObject({
      name: 'hall-crm',
      path: join(dir, 'logs/crm-txn.log'),
      time: { format: 'YYYY-MM-DD HH:mm:ss', timeZone: 'Asia/Shanghai' },
      latencyUnit: 'ms',
      startAt: 'end',
      okValues: ['0000'],
    });
    expect(source?.pattern?.exec('2026-11-22 10:00:00 payment 120 0000')?.groups?.business).toBe('payment');
  });

  it('reads JSON too', () => {
    const file = write(
      'ivr.json',
      JSON.stringify({ sources: [{ name: 'ivr', path: '/var/log/ivr.log', format: 'json' }] }),
    );
    expect(readTailConfig(file)).toHaveLength(1);
  });

  it.each([
    [
      'a regex source without a pattern',
      { format: 'regex' },
      'sources[0].pattern: is required with format regex',
    ],
    ['an unknown format', { format: 'csv' }, 'sources[0].format'],
    ['an unknown record field', { fields: { latency: 'ms' } }, 'sources[0].fields'],
    [
      'a field both mapped and constant',
      { fields: { channel: 'ch' }, constants: { channel: 'hall' } },
      'sources[0].constants.channel: is also mapped in fields',
    ],
    [
      'a bad time zone',
      { time: { timeZone: 'Mars/Olympus' } },
      'sources[0].time.timeZone: must be an IANA time zone',
    ],
    ['a bad regex', { format: 'regex', pattern: '(?<a>' }, 'sources[0].pattern: is not a regular expression'],
    [
      'a regex with lookbehind, which the linear-time engine refuses',
      { format: 'regex', pattern: '(?<=txn )(?<business>\\w+)' },
      'sources[0].pattern: is not a regular expression the agent can run: lookbehind (?<=…) is not supported',
    ],
    [
      'a group that is not in the pattern',
      { format: 'regex', pattern: '(?<business>\\w+) (?<ms>\\d+)', fields: { latencyMs: 'millis' } },
      'sources[0].fields.latencyMs: no group named "millis"',
    ],
    [
      'a required field nowhere',
      { format: 'regex', pattern: '(?<business>\\w+)', constants: { channel: 'hall', region: 'changsha' } },
      'sources[0].fields.time: is required',
    ],
    ['an unknown key', { tail: true }, 'sources[0]'],
  ])('names the file and the field for %s', (_what, overrides, message) => {
    const file = write(
      'bad.json',
      JSON.stringify({
        sources: [{ name: 'hall', path: '/var/log/hall.log', format: 'json', ...overrides }],
      }),
    );
    expect(() => readTailConfig(file)).toThrow(TailConfigError);
    expect(() => readTailConfig(file)).toThrow(`tail config ${file}: `);
    expect(() => readTailConfig(file)).toThrow(message);
  });

  it('refuses two sources with one name, and unreadable or malformed files', () => {
    const twice = write(
      'twice.yaml',
      'sources:\n  - { name: a, path: /x, format: json }\n  - { name: a, path: /y, format: json }\n',
    );
    expect(() => readTailConfig(twice)).toThrow('sources[1].name: is used by another source');
    expect(() => readTailConfig(join(dir, 'missing.yaml'))).toThrow(TailConfigError);
    expect(() => readTailConfig(write('broken.yaml', 'sources: [ {'))).toThrow(TailConfigError);
  });

  it('is loaded by the agent config from --tail-config or GANZHI_AGENT_TAIL_CONFIG, errors naming the setting', () => {
    const file = write('ok.yaml', 'sources:\n  - { name: ivr, path: ivr.log, format: logfmt }\n');
    const base = { server: 'http://127.0.0.1:8080/', location: 'changsha' };
    expect(parseAgentConfig({ GANZHI_AGENT_TAIL_CONFIG: file }, base).tailSources[0]?.path).toBe(
      join(dir, 'ivr.log'),
    );
    expect(parseAgentConfig({}, base).tailSources).toEqual([]);
    const bad = write('no-sources.yaml', 'sources: []\n');
    expect(() => parseAgentConfig({}, { ...base, tailConfig: bad })).toThrow(AgentConfigError);
    expect(() => parseAgentConfig({}, { ...base, tailConfig: bad })).toThrow(
      `tailConfig (GANZHI_AGENT_TAIL_CONFIG): tail config ${bad}: sources:`,
    );
  });
});
