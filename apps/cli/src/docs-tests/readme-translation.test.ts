// README.zh-CN.md follows README.md section by section: every `## ` section of the English README has a Chinese
// counterpart, marked with the English section's anchor (`<a id="checks-as-code"></a>` right above its heading), in
// the same order; both READMEs link to each other on their first line.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPOSITORY_ROOT } from './example-runner.js';
import { classifyBlock, readMarkdownBlocks } from './markdown-examples.js';

const english = readFileSync(join(REPOSITORY_ROOT, 'README.md'), 'utf8');
const chinese = readFileSync(join(REPOSITORY_ROOT, 'README.zh-CN.md'), 'utf8');

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens. */
export function githubSlug(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');
}

/** Lines outside fenced blocks, so a `## ` inside an example is not taken for a heading. */
function proseLines(markdown: string): string[] {
  let fence: string | undefined;
  return markdown.split('\n').filter((line) => {
    const marker = /^\s*(`{3,}|~{3,})/.exec(line)?.[1];
    if (marker !== undefined) {
      if (fence === undefined) fence = marker;
      else if (marker === fence) fence = undefined;
      return false;
    }
    return fence === undefined;
  });
}

function sectionHeadings(markdown: string): string[] {
  return proseLines(markdown)
    .filter((line) => line.startsWith('## '))
    .map((line) => line.slice(3));
}

/** Each `## ` heading of the Chinese README with the anchor id on the nearest non-blank line above it. */
function anchoredSections(markdown: string): { heading: string; anchor: string | undefined }[] {
  const lines = proseLines(markdown);
  return lines.flatMap((line, index) => {
    if (!line.startsWith('## ')) return [];
    let above = index - 1;
    while (above >= 0 && (lines[above] ?? '').trim() === '') above--;
    const anchor = /^<a id="([^"]+)"><\/a>$/.exec((lines[above] ?? '').trim())?.[1];
    return [{ heading: line.slice(3), anchor }];
  });
}

describe('README.zh-CN.md', () => {
  it('has a section for every section of README.md, in the same order, under the same anchor', () => {
    const expected = sectionHeadings(english).map(githubSlug);
    expect(expected.length).toBeGreaterThan(5);
    const sections = anchoredSections(chinese);
    expect(
      sections.filter((section) => section.anchor === undefined).map((section) => section.heading),
    ).toEqual([]);
    expect(sections.map((section) => section.anchor)).toEqual(expected);
  });

  it('links to the English README on its first line, and the English README back', () => {
    expect(chinese.split('\n')[0]).toContain('](README.md)');
    expect(english.split('\n')[0]).toContain('](README.zh-CN.md)');
  });

  it('keeps links to English anchors that exist', () => {
    const anchors = new Set(sectionHeadings(english).map(githubSlug));
    const links = [...chinese.matchAll(/\]\(#([^)]+)\)/g)].map((match) => match[1]);
    expect(links.filter((link) => !anchors.has(link ?? ''))).toEqual([]);
  });

  it('has the same runnable examples as README.md', () => {
    const runnable = (file: string, text: string) =>
      readMarkdownBlocks(file, text).filter((block) => {
        const kind = classifyBlock(block).kind;
        return kind === 'checks' || kind === 'output' || kind === 'file';
      });
    // Shell blocks differ in their comments (translated); documents and expected outputs are the same.
    expect(runnable('README.zh-CN.md', chinese).map((block) => block.text)).toEqual(
      runnable('README.md', english).map((block) => block.text),
    );
  });
});

describe('githubSlug', () => {
  it('makes the anchors GitHub makes', () => {
    expect(githubSlug('What customers feel: indicators, scores, baselines')).toBe(
      'what-customers-feel-indicators-scores-baselines',
    );
    expect(githubSlug('Checks as code')).toBe('checks-as-code');
    expect(githubSlug('API')).toBe('api');
  });
});
