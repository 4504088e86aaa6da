import { setTimeout as sleep } from 'node:timers/promises';
import type { BrowserAction, ErrorClass } from '@ganzhi/contracts';
import type { Page } from 'playwright-core';
import { redactQuery } from './redact-query.js';

/** How an action that ran came out; `failure` is set when its result fails the step (mismatch, error status). */
export interface ActionVerdict {
  readonly actual: string;
  readonly failure?: { readonly errorClass: ErrorClass; readonly reason: string };
}

export interface ActionEnvironment {
  readonly page: Page;
  /** What is left of the step's budget, in ms (at least 1: Playwright reads 0 as "no timeout"). */
  readonly timeoutMs: number;
  /** Whether the main frame navigated since the action before this one started. */
  readonly hasNavigated: () => boolean;
}

/**
 * Assertions re-read the page for this long before failing, like Playwright's `expect`, so a check does not flap
 * on a page still rendering after a click; kept short because a real mismatch costs this much on every run.
 */
const ASSERTION_SETTLE_MS = 2000;
const ASSERTION_POLL_MS = 100;
const MAX_ACTUAL_CHARS = 200;

/**
 * Runs one action on `page` within `timeoutMs`. Playwright's errors (timeouts, net errors) propagate for the
 * caller to classify; a failed assertion or an error status is returned as the verdict's `failure`.
 */
export async function runBrowserAction(
  action: BrowserAction,
  environment: ActionEnvironment,
): Promise<ActionVerdict> {
  const { page, timeoutMs } = environment;
  const timeout = { timeout: timeoutMs };
  switch (action.action) {
    case 'goto':
      return loadPage(page, { url: action.url, timeoutMs });
    case 'click':
      await page.locator(action.selector).first().click(timeout);
      return DONE;
    case 'fill':
      await page.locator(action.selector).first().fill(action.value, timeout);
      return DONE;
    case 'select':
      await page.locator(action.selector).first().selectOption(action.value, timeout);
      return DONE;
    case 'press':
      if (action.selector === undefined) await page.keyboard.press(action.key);
      else await page.locator(action.selector).first().press(action.key, timeout);
      return DONE;
    case 'waitForSelector':
      await page
        .locator(action.selector)
        .first()
        .waitFor({ state: action.state, ...timeout });
      return { actual: action.state };
    case 'waitForText':
      await page
        .getByText(action.text)
        .first()
        .waitFor({ state: 'visible', ...timeout });
      return { actual: 'visible' };
    case 'waitForNavigation':
      await waitForNavigation(environment);
      return { actual: redactQuery(page.url()) };
    case 'assertText':
      return assertText(page, { selector: action.selector, text: action.text, timeoutMs });
    case 'assertVisible':
      return assertVisible(page, { selector: action.selector, timeoutMs });
  }
}

const DONE: ActionVerdict = { actual: 'done' };

/** Counts the main frame's navigations, so `waitForNavigation` knows whether the action before it started one. */
export interface NavigationWatch {
  /** Called as each action (other than `waitForNavigation`) starts. */
  readonly mark: () => void;
  readonly hasNavigated: () => boolean;
}

export function watchNavigations(page: Page): NavigationWatch {
  let count = 0;
  let marked = 0;
  page.on('framenavigated', (frame) => {
    if (frame === page.mainFrame()) count++;
  });
  return {
    mark: () => {
      marked = count;
    },
    hasNavigated: () => count > marked,
  };
}

/** What an action is expected to do, for the step's per-action results. */
export function expectationOf(action: BrowserAction): string {
  switch (action.action) {
    case 'goto':
      return 'status < 400';
    case 'waitForSelector':
      return action.state;
    case 'waitForText':
      return 'visible';
    case 'waitForNavigation':
      return 'a page loaded';
    case 'assertText':
      return `contains "${action.text}"`;
    case 'assertVisible':
      return 'visible';
    default:
      return 'done';
  }
}

/** A short label naming the action and its target; values typed into fields are left out as they may be secrets. */
export function describeAction(action: BrowserAction): string {
  switch (action.action) {
    case 'goto':
      return `goto ${redactQuery(action.url)}`;
    case 'press':
      return action.selector === undefined
        ? `press ${action.key}`
        : `press ${action.key} in ${action.selector}`;
    case 'waitForSelector':
      return `waitForSelector ${action.selector}`;
    case 'waitForText':
      return `waitForText "${action.text}"`;
    case 'waitForNavigation':
      return 'waitForNavigation';
    case 'assertText':
      return `assertText "${action.text}"${action.selector === undefined ? '' : ` in ${action.selector}`}`;
    default:
      return `${action.action} ${action.selector}`;
  }
}

/** What the action was waiting for, for a timeout's message. */
export function describeWaiting(action: BrowserAction): string {
  switch (action.action) {
    case 'goto':
      return `loading ${redactQuery(action.url)}`;
    case 'waitForSelector':
      return `waiting for selector "${action.selector}" to be ${action.state}`;
    case 'waitForText':
      return `waiting for text "${action.text}"`;
    case 'waitForNavigation':
      return 'waiting for a navigation';
    case 'assertText':
    case 'assertVisible':
      return `reading ${action.selector === undefined ? 'the page' : `selector "${action.selector}"`}`;
    case 'press':
      return action.selector === undefined
        ? `pressing ${action.key}`
        : `waiting for selector "${action.selector}"`;
    default:
      return `waiting for selector "${action.selector}" to be actionable`;
  }
}

async function loadPage(page: Page, target: { url: string; timeoutMs: number }): Promise<ActionVerdict> {
  const response = await page.goto(target.url, { timeout: target.timeoutMs, waitUntil: 'load' });
  // Null for navigations that fetch nothing (same-document anchors): there is no status to judge.
  if (response === null) return { actual: 'no response' };
  const status = response.status();
  const actual = `status ${status}`;
  if (status < 400) return { actual };
  return { actual, failure: { errorClass: 'http_status', reason: `the page answered HTTP ${status}` } };
}

/**
 * Completes when the main frame has navigated and loaded. A navigation the previous action already started (a
 * click on a link) counts, since Playwright's click returns once it has begun; otherwise waits for the next one.
 */
async function waitForNavigation(environment: ActionEnvironment): Promise<void> {
  const { page, timeoutMs } = environment;
  const started = performance.now();
  if (!environment.hasNavigated()) {
    await page.waitForEvent('framenavigated', {
      predicate: (frame) => frame === page.mainFrame(),
      timeout: timeoutMs,
    });
  }
  await page.waitForLoadState('load', {
    timeout: Math.max(1, Math.round(timeoutMs - (performance.now() - started))),
  });
}

async function assertText(
  page: Page,
  check: { selector: string | undefined; text: string; timeoutMs: number },
): Promise<ActionVerdict> {
  const expected = normalizeSpace(check.text);
  const text = await settle(
    () => readText(page, check.selector),
    (value) => value !== null && normalizeSpace(value).includes(expected),
    check.timeoutMs,
  );
  if (text !== null && normalizeSpace(text).includes(expected)) return { actual: excerpt(text) };
  const actual = text === null ? `no element matches ${check.selector ?? 'body'}` : excerpt(text);
  return {
    actual,
    failure: { errorClass: 'assertion', reason: `expected text "${check.text}", found "${actual}"` },
  };
}

async function assertVisible(
  page: Page,
  check: { selector: string; timeoutMs: number },
): Promise<ActionVerdict> {
  const locator = page.locator(check.selector).first();
  const isVisible = await settle(
    () => locator.isVisible(),
    (visible) => visible,
    check.timeoutMs,
  );
  if (isVisible) return { actual: 'visible' };
  return {
    actual: 'not visible',
    failure: { errorClass: 'assertion', reason: `expected "${check.selector}" to be visible, it is not` },
  };
}

/** The visible text of the first element matching `selector` (the whole body without one); null when none matches. */
export async function readText(page: Page, selector: string | undefined): Promise<string | null> {
  const locator = page.locator(selector ?? 'body').first();
  if ((await locator.count()) === 0) return null;
  return locator.innerText({ timeout: ASSERTION_SETTLE_MS });
}

/** Reads until `isDone` holds or the settle window (bounded by the step's budget) ends; returns the last read. */
async function settle<T>(
  read: () => Promise<T>,
  isDone: (value: T) => boolean,
  timeoutMs: number,
): Promise<T> {
  const until = performance.now() + Math.min(ASSERTION_SETTLE_MS, timeoutMs);
  for (;;) {
    const value = await read();
    if (isDone(value) || performance.now() + ASSERTION_POLL_MS > until) return value;
    await sleep(ASSERTION_POLL_MS);
  }
}

/** Like Playwright's text matchers: runs of whitespace (line breaks from layout) compare as one space. */
function normalizeSpace(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function excerpt(text: string): string {
  const normalized = normalizeSpace(text);
  return normalized.length > MAX_ACTUAL_CHARS ? `${normalized.slice(0, MAX_ACTUAL_CHARS)}…` : normalized;
}
