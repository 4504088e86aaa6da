import type { BrowserContext } from 'playwright-core';
import type { EgressRefusal, HostLookup } from './browser/egress-target.js';
import type { AddressPolicy } from './safety/address-policy.js';

/** What a step asks of its browser context. */
export interface ConfinedContextOptions {
  /** Every connection of the context must pass it; the launcher's egress proxy enforces it. */
  readonly addressPolicy: AddressPolicy;
  readonly viewport: { readonly width: number; readonly height: number };
}

/** A step's context and what its egress proxy saw. */
export interface ConfinedContext {
  readonly browserContext: BrowserContext;
  /** Why the proxy refused or failed the latest request to `url`'s host and port; undefined if it did not. */
  readonly refusalFor: (url: string) => EgressRefusal | undefined;
  /** The resolver the egress proxy uses, so earlier checks of the same names agree with it. */
  readonly lookup: HostLookup;
}

/** Hands out browser contexts for steps; the launcher owns the browser processes and their egress. */
export interface BrowserLauncher {
  /**
   * A fresh context (empty profile) whose every connection goes through an egress proxy that judges it by
   * `options.addressPolicy`; the proxy stops when the context closes.
   */
  openContext(options: ConfinedContextOptions): Promise<ConfinedContext>;
  close(): Promise<void>;
}
