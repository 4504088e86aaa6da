#!/usr/bin/env node
// The `ganzhi` command that npm links into node_modules/.bin. It is checked in (executable) rather than pointing the
// bin at dist/main.js because npm skips a bin whose file is missing at install time, and after a fresh clone
// `npm install` runs before the first build: the link would never appear. This file only hands over to the build.
import { existsSync } from 'node:fs';
import process from 'node:process';
import { URL } from 'node:url';

const main = new URL('../dist/main.js', import.meta.url);
if (existsSync(main)) {
  await import(main.href);
} else {
  // The output layer (src/cli-output.ts) is part of the build that is missing, so this one line goes straight out.
  process.stderr.write(
    'ganzhi: the CLI is not built yet; run `npx tsc -b` (or `npm run build`) at the repository root first\n',
  );
  process.exitCode = 1;
}
