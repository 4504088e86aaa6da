import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checksToYaml, locateCheckIssues, readCheckYaml, toCheckDefinition } from './check-yaml.js';

/** One check with a step of every kind, as `ganzhi export` writes it (the CLI's export test holds it to that). */
const golden = readFileSync(new URL('../testdata/check-export.yaml', import.meta.url), 'utf8');

function issuesOf(text: string) {
  const reading = readCheckYaml(text);
  if (reading.ok) throw new Error('expected the YAML to be refused');
  return reading.issues.map(({ kind, path, line }) => ({ kind, path, line }));
}

describe('checksToYaml', () => {
  it('writes a read check back as the same text, field order and quoting included', () => {
    const reading = readCheckYaml(golden);
    if (!reading.ok) throw new Error(JSON.stringify(reading.issues));
    expect(checksToYaml([reading.check])).toBe(golden);
  });

  it('writes server fields away and defaults in, in the schema order', () => {
    const stored = {
      id: 'c1',
      createdAt: '2025-01-01T00:00:00.000Z',
      steps: [{ url: 'https://example.com/', kind: 'http' }],
      name: 'home',
    };
    const text = checksToYaml([toCheckDefinition(stored)]);
    expect(text).not.toContain('id: c1');
    expect(text.split('\n').slice(0, 4)).toEqual([
      '# Ganzhi checks, exported; apply with: ganzhi apply -f <this file>',
      'checks:',
      '  - name: home',
      '    enabled: true',
    ]);
    expect(text).toContain('    locations:\n      - local\n');
    expect(text).toContain('      - kind: http\n        timeoutMs: 10000\n');
  });
});

describe('readCheckYaml', () => {
  it('reads a check without the export envelope, as ganzhi apply does', () => {
    const reading = readCheckYaml('name: home\nsteps:\n  - kind: wait\n    durationMs: 500\n');
    expect(reading.ok && reading.check).toMatchObject({ name: 'home', locations: ['local'] });
  });

  it('places schema problems on the line of their field, with the path apply would name', () => {
    const text = [
      'checks:', // 1
      '  - name: home', // 2
      '    intervalSeconds: 5', // 3
      '    locations: [local, "Bad Code"]', // 4
      '    steps:', // 5
      '      - kind: http', // 6
      '        url: ftp://example.com/', // 7
      '        assert:', // 8
      '          - subject: status', // 9
      '            comparison: sameAs', // 10
    ].join('\n');
    expect(issuesOf(text)).toEqual([
      { kind: 'schema', path: 'intervalSeconds', line: 3 },
      { kind: 'schema', path: 'locations.1', line: 4 },
      { kind: 'schema', path: 'steps.0.assert.0.comparison', line: 10 },
      { kind: 'schema', path: 'steps.0.url', line: 7 },
    ]);
  });

  it("words the schema's generic messages in Chinese when asked, keeping its own wording", () => {
    const reading = readCheckYaml('name: home\nintervalSeconds: 5\nsteps:\n  - kind: http\n    url: ""\n', {
      language: 'zh-CN',
    });
    if (reading.ok) throw new Error('expected the YAML to be refused');
    const messagesAt = (path: string) =>
      reading.issues.filter((issue) => issue.path === path).map((issue) => issue.message);
    expect(messagesAt('intervalSeconds')).toEqual([expect.stringMatching(/^数值过小/)]);
    expect(messagesAt('steps.0.url')).toContain('a URL is required');
  });

  it('places a missing field on the mapping that should hold it', () => {
    const text = 'name: home\nsteps:\n  - kind: tcp\n    host: example.com\n';
    expect(issuesOf(text)).toEqual([{ kind: 'schema', path: 'steps.0.port', line: 3 }]);
  });

  it('reports a syntax error on its line, without the library excerpt', () => {
    const reading = readCheckYaml('name: home\nsteps:\n  - kind: wait\n   durationMs: [1\n');
    if (reading.ok) throw new Error('expected a syntax error');
    expect(reading.issues[0]).toMatchObject({ kind: 'syntax', path: '' });
    expect(reading.issues[0]?.line).toBeGreaterThanOrEqual(3);
    expect(reading.issues[0]?.message).not.toContain('\n');
  });

  it('refuses an export holding more than one check, at the second one', () => {
    const text = 'checks:\n  - name: a\n    steps: []\n  - name: b\n    steps: []\n';
    expect(issuesOf(text)).toEqual([{ kind: 'count', path: 'checks', line: 4 }]);
  });
});

describe('locateCheckIssues', () => {
  it("puts the server's refusals on their lines, keeping their messages", () => {
    const unknown = 'unknown location "mars": create it on the locations page or enrol an agent there first';
    const located = locateCheckIssues(golden, [
      { path: 'locations.1', message: unknown },
      { path: 'steps.5.kind', message: '"browser" steps are not supported at this location' },
      { path: '', message: 'whole check' },
    ]);
    const lines = golden.split('\n');
    expect(located.map((issue) => lines[issue.line - 1]?.trim())).toEqual([
      '- yueyang',
      '- kind: browser',
      '- name: 网厅 全链路 / Web hall journey',
    ]);
    expect(located[0]).toMatchObject({ path: 'locations.1', message: unknown });
  });
});
