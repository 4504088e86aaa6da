// The `ganzhi` command as npm installs it: the declared bin, linked into node_modules/.bin, run as a program.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { GANZHI_VERSION } from '@ganzhi/server';
import { isCliBuilt } from '@ganzhi/testing';

const cliRoot = fileURLToPath(new URL('../../', import.meta.url));
const repositoryRoot = resolve(cliRoot, '../..');
const manifest = JSON.parse(readFileSync(join(cliRoot, 'package.json'), 'utf8')) as {
  bin?: Record<string, string>;
};
const declared = manifest.bin?.ganzhi;
const binFile = resolve(cliRoot, declared ?? 'package.json has no bin "ganzhi"');
const linked = join(repositoryRoot, 'node_modules/.bin/ganzhi');

describe('the ganzhi bin', () => {
  it('is a file that exists before any build, starts with a node shebang and is executable', () => {
    expect(declared).toBeDefined();
    // npm links no bin whose file is missing at install time, and a fresh clone installs before it builds.
    expect(relative(cliRoot, binFile).split(sep)[0]).not.toBe('dist');
    const text = readFileSync(binFile, 'utf8');
    expect(text.startsWith('#!/usr/bin/env node\n')).toBe(true);
    expect(statSync(binFile).mode & 0o111).toBe(0o111);
  });

  it('is what npm linked into node_modules/.bin (so `npx ganzhi` runs it)', () => {
    expect(realpathSync(linked)).toBe(realpathSync(binFile));
  });

  it('says how to build when there is no build next to it', () => {
    const unbuilt = join(mkdtempSync(join(tmpdir(), 'ganzhi-bin-')), 'ganzhi.js');
    copyFileSync(binFile, unbuilt);
    const result = spawnSync(process.execPath, [unbuilt, '--version'], { encoding: 'utf8' });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('the CLI is not built yet; run `npx tsc -b`');
  });

  it.skipIf(!isCliBuilt() && process.env.GANZHI_REQUIRE_E2E !== '1')(
    'runs the built CLI when executed as a program through the npm link',
    () => {
      const result = spawnSync(linked, ['--version'], { encoding: 'utf8', cwd: repositoryRoot });
      expect(result.stderr).toBe('');
      expect(result.stdout.trim()).toBe(GANZHI_VERSION);
      expect(result.status).toBe(0);
    },
  );
});
