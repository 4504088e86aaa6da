import type { BrowserStep } from '@ganzhi/contracts';
import type { StepExecutor } from '../step-executor.js';

let loading: Promise<StepExecutor<BrowserStep>> | undefined;

/**
 * The `browser` step kind's registry entry: it loads the executor (and with it playwright-core) on the first
 * browser step, so a probe thread that runs only protocol checks never holds Playwright in its heap.
 */
export const lazyBrowserStepExecutor: StepExecutor<BrowserStep> = {
  kind: 'browser',
  async execute(step, context) {
    loading ??= import('./browser-step-executor.js').then((module) => module.browserStepExecutor);
    const executor = await loading;
    return executor.execute(step, context);
  },
};
