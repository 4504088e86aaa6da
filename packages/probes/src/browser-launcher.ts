import type { Browser } from 'playwright-core';

/** Hands out a browser for one step; the launcher owns the process and decides on pooling. */
export interface BrowserLauncher {
  /** A browser to open one fresh context (empty profile) in; never shared between concurrent steps' contexts. */
  acquire(): Promise<Browser>;
  close(): Promise<void>;
}
