import { describe, expect, it } from 'vitest';
import { classifyBlock, namedPath, readJsonValues, readMarkdownBlocks } from './markdown-examples.js';

const doc = [
  '# Title',
  '',
  '```sh',
  'curl http://127.0.0.1:8080/healthz',
  '```',
  '',
  '<!-- example: output -->',
  '',
  '```json',
  '{ "status": "ok" }',
  '```',
  '',
  '<!-- example: background until "Ganzhi agent" -->',
  '',
  '```sh',
  'ganzhi agent --location changsha',
  '```',
  '',
  '- a list item with a block:',
  '',
  '  ```yaml',
  '  # checks/a.yaml',
  '  name: a',
  '  steps: [{ kind: wait, durationMs: 10 }]',
  '  ```',
  '',
  '<!-- example: skip: an nginx configuration, not a command -->',
  '```nginx',
  'server {}',
  '```',
  '',
  '```text',
  '2026-11-22 10:15:03 a log line',
  '```',
].join('\n');

describe('readMarkdownBlocks', () => {
  it('reads every fenced block with its language, line, unindented text and marker', () => {
    const blocks = readMarkdownBlocks('doc.md', doc);
    expect(blocks.map((block) => [block.line, block.language, block.marker.kind])).toEqual([
      [3, 'sh', 'none'],
      [9, 'json', 'output'],
      [15, 'sh', 'background'],
      [21, 'yaml', 'none'],
      [28, 'nginx', 'skip'],
      [32, 'text', 'none'],
    ]);
    expect(blocks[3]?.text).toBe('# checks/a.yaml\nname: a\nsteps: [{ kind: wait, durationMs: 10 }]\n');
  });
});

describe('classifyBlock', () => {
  const kinds = readMarkdownBlocks('doc.md', doc).map(classifyBlock);

  it('runs shell blocks, in the background when marked, and compares outputs', () => {
    expect(kinds[0]).toEqual({ kind: 'shell' });
    expect(kinds[1]).toEqual({ kind: 'output', values: [{ status: 'ok' }] });
    expect(kinds[2]).toEqual({ kind: 'background', readyText: 'Ganzhi agent' });
  });

  it('applies checks, writing the file the first line names', () => {
    expect(kinds[3]).toEqual({
      kind: 'checks',
      checks: [{ name: 'a', steps: [{ kind: 'wait', durationMs: 10 }] }],
      path: 'checks/a.yaml',
    });
  });

  it('runs nothing else, and says why', () => {
    expect(kinds[4]).toEqual({ kind: 'not-run', reason: 'an nginx configuration, not a command' });
    expect(kinds[5]?.kind).toBe('not-run');
  });

  it('refuses blocks that neither run nor say why not', () => {
    const invalid = (markdown: string) => readMarkdownBlocks('x.md', markdown).map(classifyBlock)[0];
    expect(invalid('```nginx\nserver {}\n```')).toMatchObject({ kind: 'invalid' });
    expect(invalid('```\nno language\n```')).toMatchObject({ kind: 'invalid' });
    expect(invalid('```yaml\nsources: []\n```')).toMatchObject({ kind: 'invalid' });
    expect(invalid('```yaml\nname: [unclosed\n```')).toMatchObject({ kind: 'invalid' });
    expect(invalid('<!-- example: skip -->\n```sh\nls\n```')).toMatchObject({ kind: 'invalid' });
    expect(invalid('<!-- example: maybe -->\n```sh\nls\n```')).toMatchObject({ kind: 'invalid' });
    expect(invalid('<!-- example: output -->\n```json\nnot json\n```')).toMatchObject({ kind: 'invalid' });
  });
});

describe('namedPath', () => {
  it('takes a relative path from a first-line comment, never an absolute or escaping one', () => {
    expect(namedPath('# tail.yaml (YAML or JSON)\nsources: []')).toBe('tail.yaml');
    expect(namedPath('# checks/web-hall.yaml\n')).toBe('checks/web-hall.yaml');
    expect(namedPath('# /etc/ganzhi/tail.yaml\n')).toBeUndefined();
    expect(namedPath('# ../outside.yaml\n')).toBeUndefined();
    expect(namedPath('name: a\n')).toBeUndefined();
  });
});

describe('readJsonValues', () => {
  it('reads values written one after another, as curl prints successive answers', () => {
    expect(readJsonValues('{"a":1}{"b":"}{"}\n[1,2] 3 true\n"x"')).toEqual([
      { a: 1 },
      { b: '}{' },
      [1, 2],
      3,
      true,
      'x',
    ]);
  });
});
