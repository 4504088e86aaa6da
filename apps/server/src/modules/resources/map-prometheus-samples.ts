import parsePrometheusTextFormat from 'parse-prometheus-text-format';
import type { MetricMapping, ScrapeHost } from '@ganzhi/contracts';
import type { ResourceSample } from './resource-records.js';
import { findValueProblem } from './resource-records.js';

export interface MappingContext {
  readonly system: string;
  readonly host: ScrapeHost;
  readonly mappings: readonly MetricMapping[];
  /** Every sample of a scrape is stamped with the scrape's time (exposition timestamps are rare and ignored). */
  readonly timeMs: number;
}

export interface MappedPage {
  readonly samples: ResourceSample[];
  /** What was skipped and why, one line per cause (a partial scrape). */
  readonly problems: string[];
}

function matches(labels: Readonly<Record<string, string>>, matchers: Readonly<Record<string, string>>) {
  return Object.entries(matchers).every(([name, value]) => labels[name] === value);
}

function hostOf(labels: Readonly<Record<string, string>>, rule: ScrapeHost): string {
  const host = rule.kind === 'fixed' ? rule.name : (labels[rule.label] ?? '').trim();
  // The same rule as pushed hosts: no blanks, no "|", at most 128 characters.
  return /^[^\s|]{1,128}$/.test(host) ? host : '';
}

function describeHost(rule: ScrapeHost): string {
  return rule.kind === 'fixed' ? rule.name : rule.label;
}

/**
 * Parses a Prometheus text page and turns the samples the mappings select into Ganzhi samples: value × scale,
 * the host from a label or the target's fixed name. Histograms and summaries have no single value and are skipped.
 */
export function mapPrometheusPage(text: string, context: MappingContext): MappedPage {
  let families;
  try {
    families = parsePrometheusTextFormat(text);
  } catch (error) {
    return {
      samples: [],
      problems: [`the page is not Prometheus text format (${(error as Error).message})`],
    };
  }
  const byName = new Map(families.map((family) => [family.name, family]));
  const samples: ResourceSample[] = [];
  const problems: string[] = [];
  for (const mapping of context.mappings) {
    const family = byName.get(mapping.prometheusMetric);
    const selected = (family?.metrics ?? []).filter((sample) =>
      matches(sample.labels ?? {}, mapping.labelMatchers),
    );
    if (selected.length === 0) {
      problems.push(`${mapping.prometheusMetric}: no sample matched`);
      continue;
    }
    if (family?.type === 'HISTOGRAM' || family?.type === 'SUMMARY') {
      problems.push(`${mapping.prometheusMetric}: a ${family.type.toLowerCase()} has no single value`);
      continue;
    }
    for (const sample of selected) {
      const host = hostOf(sample.labels ?? {}, context.host);
      if (host === '') {
        problems.push(
          `${mapping.prometheusMetric}: a sample has no usable host label "${describeHost(context.host)}"`,
        );
        continue;
      }
      const value = Number(sample.value) * mapping.scale;
      const problem = findValueProblem(mapping.metric, value);
      if (problem !== null) {
        problems.push(`${mapping.prometheusMetric} → ${mapping.metric} (${host}): ${problem}`);
        continue;
      }
      samples.push({ system: context.system, host, metric: mapping.metric, timeMs: context.timeMs, value });
    }
  }
  return { samples, problems: [...new Set(problems)] };
}
