import type { Locator, Page } from 'playwright-core';

/** Signs in as admin on the login page (asked for from the checks list, so it returns there) and waits for the list. */
export async function logIn(page: Page, input: { consoleUrl: string; password: string }): Promise<void> {
  await page.goto(new URL('/checks', input.consoleUrl).href);
  await page.getByTestId('login-form').waitFor();
  await page.getByTestId('login-username').fill('admin');
  await page.getByTestId('login-password').fill(input.password);
  await page.getByTestId('login-submit').click();
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
