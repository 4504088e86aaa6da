import type { Locator, Page } from 'playwright-core';

/** Fills the login form that is on the page as admin and submits it. */
export async function submitLogin(page: Page, password: string): Promise<void> {
  await page.getByTestId('login-form').waitFor();
  await page.getByTestId('login-username').fill('admin');
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
}

/** Signs in as admin on the login page (asked for from the checks list, so it returns there) and waits for the list. */
export async function logIn(page: Page, input: { consoleUrl: string; password: string }): Promise<void> {
  await page.goto(new URL('/checks', input.consoleUrl).href);
  await submitLogin(page, input.password);
  await page.getByTestId('checks-table').waitFor();
}

/**
 * Picks an option of the antd Select with `testId`. Options are found by their `title`, which the console sets to
 * the stable value (`POST`, `jsonPath`, `exists`), so this works in both languages.
 */
export async function chooseOption(page: Page, testId: string, title: string): Promise<void> {
  await page.getByTestId(testId).click();
  const option = page.locator(`.ant-select-dropdown:visible .ant-select-item-option[title="${title}"]`);
  await option.click();
  await option.waitFor({ state: 'hidden' });
}

/** The antd form item that holds the input with `testId`, to read the error placed under it. */
export function fieldErrorOf(page: Page, testId: string): Locator {
  return page
    .locator('.ant-form-item')
    .filter({ has: page.getByTestId(testId) })
    .last()
    .locator('.ant-form-item-explain-error');
}

/** Adds a step of `kind` at the end of the flow. */
export async function addStep(page: Page, kind: string): Promise<void> {
  await page.getByTestId('add-step-button').click();
  await page.getByTestId(`add-step-${kind}`).click();
}

/**
 * The texts inside `selector` (the cells of tables, say) that the browser broke in the middle of a word: between
 * two characters that are neither a space nor after a hyphen. Breaks between words are fine; a code, an id or a
 * Chinese name split over two lines is not.
 */
export async function wordsBrokenAcrossLines(page: Page, selector: string): Promise<string[]> {
  return page.evaluate((cells: string) => {
    const broken: string[] = [];
    const lineOf = (node: Text, index: number): number | null => {
      const range = document.createRange();
      range.setStart(node, index);
      range.setEnd(node, index + 1);
      const rect = range.getClientRects()[0];
      return rect ? Math.round(rect.top) : null;
    };
    for (const cell of Array.from(document.querySelectorAll(cells))) {
      const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const text = node.textContent ?? '';
        let previous: number | null = null;
        for (let index = 0; index < text.length; index += 1) {
          const line = lineOf(node as Text, index);
          if (line === null) continue;
          const before = text.charAt(index - 1);
          const char = text.charAt(index);
          const isBetweenWords = /\s/.test(before) || /\s/.test(char) || before === '-';
          if (previous !== null && line > previous && !isBetweenWords) {
            broken.push(text.trim());
            break;
          }
          previous = line;
        }
      }
    }
    return broken;
  }, selector);
}
