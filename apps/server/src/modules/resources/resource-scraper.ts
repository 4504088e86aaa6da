import type { ScrapeResult, ScrapeTarget } from '@ganzhi/contracts';
import { CheckScheduler, type AddressPolicy, type SchedulableCheck } from '@ganzhi/probes';
import { settlesWithin, type Clock, type Logger } from '@ganzhi/runtime';
import { fetchMetricsPage, ScrapeFetchError } from './fetch-metrics-page.js';
import { mapPrometheusPage } from './map-prometheus-samples.js';
import type { ResourceSampleService } from './resource-sample-service.js';
import type { ScrapeTargetService } from './scrape-target-service.js';

export interface ResourceScraperDeps {
  readonly clock: Clock;
  readonly logger: Logger;
  readonly targets: ScrapeTargetService;
  readonly samples: ResourceSampleService;
  readonly addressPolicy: AddressPolicy;
  /** Scrapes in flight at once (default 4). */
  readonly concurrency?: number;
  /** Largest metrics page read (default 10 MiB; node exporters send ~100 KiB). */
  readonly maxPageBytes?: number;
}

interface ScheduledTarget extends SchedulableCheck {
  readonly target: ScrapeTarget;
}

const MAX_ERROR_LENGTH = 500;

function toScheduled(target: ScrapeTarget): ScheduledTarget {
  return {
    id: target.id,
    intervalSeconds: target.intervalSeconds,
    revision: target.updatedAt,
    target,
  };
}

/**
 * Scrapes every enabled Prometheus target on its interval, through the probes' scheduler (deterministic offsets,
 * no overlapping scrapes of one target, bounded concurrency), and writes the mapped samples. Each scrape's outcome
 * is stored on the target; a failing target never stops the others.
 */
export class ResourceScraper {
  readonly #deps: ResourceScraperDeps;
  readonly #scheduler: CheckScheduler<ScheduledTarget>;
  /** Aborts scrapes still in flight when a stop's grace is over. */
  #abandon = new AbortController();
  #started = false;

  constructor(deps: ResourceScraperDeps) {
    this.#deps = deps;
    this.#scheduler = new CheckScheduler<ScheduledTarget>({
      clock: deps.clock,
      logger: deps.logger,
      location: 'resource-scraper',
      concurrency: deps.concurrency ?? 4,
      execute: async (scheduled) => {
        await this.#scrape(scheduled.target);
      },
    });
  }

  async start(): Promise<void> {
    if (this.#started) return;
    this.#started = true;
    this.#abandon = new AbortController();
    await this.reload();
    this.#scheduler.start();
  }

  /**
   * Stops scheduling and gives scrapes in flight `graceMs` to store their samples; slower ones are then aborted
   * and leave no outcome on their target (a shutdown says nothing about it).
   */
  async stop({ graceMs }: { graceMs: number } = { graceMs: 2000 }): Promise<void> {
    this.#started = false;
    const stopped = this.#scheduler.stop();
    if (!(await settlesWithin(stopped, { clock: this.#deps.clock, ms: graceMs }))) this.#abandon.abort();
    await stopped;
  }

  /** Re-reads the targets (after a change through the API); a no-op while stopped. */
  async reload(): Promise<void> {
    if (!this.#started) return;
    const targets = await this.#deps.targets.listTargets();
    this.#scheduler.setChecks(targets.filter((target) => target.enabled).map(toScheduled), {
      runNewNow: true,
    });
  }

  /** Scrapes one target now, outside its schedule (also when disabled): "test this target" in the console. */
  async scrapeNow({ id }: { id: string }): Promise<ScrapeResult> {
    return this.#scrape(await this.#deps.targets.getTarget({ id }));
  }

  async #scrape(target: ScrapeTarget): Promise<ScrapeResult> {
    const atMs = this.#deps.clock.now();
    const outcome = await this.#fetchAndStore(target, atMs);
    if (this.#abandon.signal.aborted) return { at: new Date(atMs).toISOString(), ...outcome };
    const error = outcome.error === null ? null : outcome.error.slice(0, MAX_ERROR_LENGTH);
    const result = { ...outcome, error };
    await this.#deps.targets.recordScrape(target.id, { atMs, ...result });
    return { at: new Date(atMs).toISOString(), ...result };
  }

  async #fetchAndStore(target: ScrapeTarget, atMs: number): Promise<Omit<ScrapeResult, 'at'>> {
    let page: string;
    try {
      page = await fetchMetricsPage(target.url, {
        timeoutMs: target.timeoutMs,
        maxBytes: this.#deps.maxPageBytes ?? 10 * 1024 * 1024,
        addressPolicy: this.#deps.addressPolicy,
        signal: this.#abandon.signal,
      });
    } catch (error) {
      const message = error instanceof ScrapeFetchError ? error.message : 'the page could not be read';
      if (!(error instanceof ScrapeFetchError))
        this.#deps.logger.warn({ err: error, targetId: target.id }, 'scrape failed');
      return { status: 'failed', samples: 0, error: message };
    }
    const { samples, problems } = mapPrometheusPage(page, { ...target, timeMs: atMs });
    try {
      await this.#deps.samples.recordSamples({ samples });
    } catch (error) {
      this.#deps.logger.error({ err: error, targetId: target.id }, 'scraped samples could not be stored');
      return { status: 'failed', samples: 0, error: 'the samples could not be stored' };
    }
    const status = problems.length === 0 ? 'ok' : samples.length > 0 ? 'partial' : 'failed';
    return { status, samples: samples.length, error: problems.length === 0 ? null : problems.join('; ') };
  }
}
