import type { BusinessType, KpiResult } from '@ganzhi/contracts';
import {
  DEFAULT_FAMILY_WEIGHTS,
  createHistogram,
  histogramQuantile,
  mergeHistogramInto,
  scoreKpi,
  scoreService,
  volumeWeightedScore,
  type MeasurementValues,
  type ServiceScore,
  type LatencyHistogram,
} from '@ganzhi/quality';
import { externalMeasurementsOf, externalValuesFor, type ExternalSum } from './external-measurements.js';
import { appliesToService, scoringIndicatorFor, type CompiledIndicator } from './indicator-definition.js';

/**
 * From rollup sums to score rows: measurements per service × region (probe runs and transactions), KPI scores, the
 * KQI and service roll-up, and the volume-weighted aggregates by channel, business, region and overall — each with
 * its worst contributor. Pure: the evaluator reads the sums and writes the rows.
 */

export type ScoreScope =
  | 'service_region'
  | 'service'
  | 'channel_region'
  | 'channel'
  | 'business'
  | 'business_region'
  | 'region'
  | 'overall';

/** Summed measurements of one source for one scope and window. */
export interface SourceSums {
  count: number;
  failures: number;
  latencySumMs: number;
  histogram: LatencyHistogram;
  /** Minutes holding data, and minutes in which every probe run failed (probe source only). */
  minutes: number;
  failedMinutes: number;
}

export interface ServiceRegionSums {
  readonly business: string;
  readonly channel: string;
  readonly region: string;
  readonly probe: SourceSums | null;
  readonly transactions: SourceSums | null;
  /** The learned median latency for this hour and kind of day, when one has been learned. */
  readonly baselineP50Ms?: number | null;
}

export interface BusinessInfo {
  readonly type: BusinessType;
  readonly slaMs: number | null;
  /** The back-end systems serving it, whose resource indicators it shows. */
  readonly systems: readonly string[];
}

/** What scoring a service needs besides its sums. */
export interface ScoringContext {
  readonly indicators: readonly CompiledIndicator[];
  readonly businesses: ReadonlyMap<string, BusinessInfo>;
  /** Resource measurements per system for the window (absent: resource indicators have no data). */
  readonly systemValues?: ReadonlyMap<string, MeasurementValues>;
  /** Values other systems reported in the window, for the external indicators. */
  readonly externalSums?: readonly ExternalSum[];
}

/**
 * The resource measurements of a service: those of its systems combined pessimistically — the most loaded system's
 * utilisation and running index, the lowest capability index — with their samples summed.
 */
export function combineSystemValues(
  systems: readonly string[],
  systemValues: ReadonlyMap<string, MeasurementValues> | undefined,
): MeasurementValues {
  const combined: Record<string, number> = {};
  for (const system of systems) {
    const values = systemValues?.get(system);
    if (!values) continue;
    for (const [name, value] of Object.entries(values)) {
      if (typeof value !== 'number' || !Number.isFinite(value)) continue;
      const current = combined[name];
      if (current === undefined) combined[name] = value;
      else if (name === 'samples') combined[name] = current + value;
      else combined[name] = name === 'capability_index' ? Math.min(current, value) : Math.max(current, value);
    }
  }
  return { samples: 0, ...combined };
}

export interface ScoreRow {
  readonly scope: ScoreScope;
  readonly business: string;
  readonly channel: string;
  readonly region: string;
  readonly score: number | null;
  readonly families: Readonly<
    Record<'reliability' | 'efficiency' | 'usability' | 'integrity', number | null>
  >;
  readonly volume: number;
  readonly failures: number;
  readonly p95Ms: number | null;
  readonly worst: { readonly key: string; readonly score: number } | null;
  readonly capped: boolean;
}

/** Apdex T per business type (§d.1): payment and account opening 3 s, queries 7.5 s, SMS and top-up round trips 10 s. */
const APDEX_T_MS: Readonly<Record<BusinessType, number>> = {
  transaction: 3000,
  query: 7500,
  recharge: 10_000,
  delivery: 10_000,
};

/** Reliability caps the service score for payment, account opening and top-up (§e.4). */
const RELIABILITY_CRITICAL: readonly BusinessType[] = ['transaction', 'recharge'];

export function emptySums(): SourceSums {
  return {
    count: 0,
    failures: 0,
    latencySumMs: 0,
    histogram: createHistogram(),
    minutes: 0,
    failedMinutes: 0,
  };
}

export function addSums(into: SourceSums, from: SourceSums): void {
  into.count += from.count;
  into.failures += from.failures;
  into.latencySumMs += from.latencySumMs;
  mergeHistogramInto(into.histogram, from.histogram);
  into.minutes += from.minutes;
  into.failedMinutes += from.failedMinutes;
}

function valuesOf(
  sums: SourceSums | null,
  context: { readonly business: BusinessInfo | undefined; readonly baselineP50Ms: number | null },
  probe: boolean,
): MeasurementValues {
  const { business } = context;
  if (!sums) return { samples: 0 };
  return {
    samples: sums.count,
    count: sums.count,
    failures: sums.failures,
    latency: sums.histogram,
    latency_sum_ms: sums.latencySumMs,
    minutes: sums.minutes,
    failed_minutes: probe ? sums.failedMinutes : null,
    sla_ms: business?.slaMs ?? null,
    apdex_t_ms: business ? APDEX_T_MS[business.type] : null,
    baseline_p50_ms: probe ? null : context.baselineP50Ms,
  };
}

export interface ScoredService {
  readonly kpis: KpiResult[];
  readonly service: ServiceScore;
}

/** Every applicable probe, transaction and resource KPI of one service in one scope, scored and rolled up. */
export function scoreServiceSums(sums: ServiceRegionSums, scoring: ScoringContext): ScoredService {
  const { indicators } = scoring;
  const business = scoring.businesses.get(sums.business);
  const target = { channel: sums.channel, business: sums.business, businessType: business?.type ?? null };
  const context = { business, baselineP50Ms: sums.baselineP50Ms ?? null };
  const values = {
    probe: valuesOf(sums.probe, context, true),
    transactions: valuesOf(sums.transactions, context, false),
    resource: combineSystemValues(business?.systems ?? [], scoring.systemValues),
  };
  const external = externalValuesFor(scoring.externalSums ?? [], sums);
  const kpis: KpiResult[] = [];
  const rolledUp: KpiResult[] = [];
  for (const indicator of indicators) {
    const { source } = indicator.definition;
    if (!appliesToService(indicator.definition, target)) continue;
    const measured =
      source === 'external'
        ? externalMeasurementsOf(external, indicator.formula.measurements)
        : values[source];
    const kpi = scoreKpi(scoringIndicatorFor(indicator, target.businessType), measured);
    // External indicators nobody reports for stay out of the list rather than fill it with "no data".
    if (source === 'external' && kpi.samples === 0) continue;
    const result: KpiResult = {
      ...kpi,
      family: indicator.definition.family,
      layer: indicator.definition.layer,
      source,
    };
    kpis.push(result);
    if (!indicator.definition.outcome) rolledUp.push(result);
  }
  const service = scoreService(rolledUp, {
    familyWeights: DEFAULT_FAMILY_WEIGHTS,
    criticalFamilies: business && RELIABILITY_CRITICAL.includes(business.type) ? ['reliability'] : [],
  });
  return { kpis, service };
}

function familyScore(service: ServiceScore, family: string): number | null {
  return service.kqis.find((kqi) => kqi.family === family)?.score ?? null;
}

function serviceRow(scope: ScoreScope, sums: ServiceRegionSums, scored: ScoredService): ScoreRow {
  const volumeSource = sums.transactions ?? sums.probe;
  const { service } = scored;
  return {
    scope,
    business: sums.business,
    channel: sums.channel,
    region: sums.region,
    score: service.score,
    families: {
      reliability: familyScore(service, 'reliability'),
      efficiency: familyScore(service, 'efficiency'),
      usability: familyScore(service, 'usability'),
      integrity: familyScore(service, 'integrity'),
    },
    volume: sums.transactions?.count ?? 0,
    failures: volumeSource?.failures ?? 0,
    p95Ms: volumeSource ? histogramQuantile(volumeSource.histogram, 0.95) : null,
    worst: service.worstKpi,
    capped: service.cappedByCritical,
  };
}

const NO_FAMILIES = { reliability: null, efficiency: null, usability: null, integrity: null } as const;

/** Volume-weighted aggregate of member rows; the member key names the worst contributor. */
function aggregateRow(
  scope: ScoreScope,
  keys: Pick<ScoreRow, 'business' | 'channel' | 'region'>,
  members: readonly { readonly key: string; readonly row: ScoreRow }[],
): ScoreRow {
  const weighted = volumeWeightedScore(
    members.map((member) => ({ key: member.key, score: member.row.score, volume: member.row.volume })),
  );
  return {
    scope,
    ...keys,
    score: weighted.score,
    families: NO_FAMILIES,
    volume: weighted.volume,
    failures: members.reduce((sum, member) => sum + member.row.failures, 0),
    p95Ms: null,
    worst: weighted.worst,
    capped: false,
  };
}

function groupBy<T>(items: readonly T[], keyOf: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const list = groups.get(key);
    if (list) list.push(item);
    else groups.set(key, [item]);
  }
  return groups;
}

/** One service's sums over several regions: measurements are re-aggregated, never scores averaged (§e.2). */
export function mergeRegions(group: readonly ServiceRegionSums[]): ServiceRegionSums {
  if (group.length === 1 && group[0]) return group[0];
  const merge = (pick: (sums: ServiceRegionSums) => SourceSums | null): SourceSums | null => {
    const present = group.map(pick).filter((sums): sums is SourceSums => sums !== null);
    if (present.length === 0) return null;
    const total = emptySums();
    for (const sums of present) addSums(total, sums);
    return total;
  };
  const first = group[0];
  return {
    business: first?.business ?? '',
    channel: first?.channel ?? '',
    region: '',
    probe: merge((sums) => sums.probe),
    transactions: merge((sums) => sums.transactions),
  };
}

/** Sums per service (business × channel) over all the regions given. */
export function sumsPerService(perRegion: readonly ServiceRegionSums[]): ServiceRegionSums[] {
  return [...groupBy(perRegion, (sums) => `${sums.business}|${sums.channel}`).values()].map((group) => ({
    ...mergeRegions(group),
    region: '',
  }));
}

/** p95 over the merged latency of several services (transactions where there are any, else probe runs). */
function mergedP95(services: readonly ServiceRegionSums[]): number | null {
  const histogram = createHistogram();
  for (const sums of services) {
    const source = sums.transactions ?? sums.probe;
    if (source) mergeHistogramInto(histogram, source.histogram);
  }
  return histogramQuantile(histogram, 0.95);
}

export interface ScoreInputs extends ScoringContext {
  readonly sums: readonly ServiceRegionSums[];
  /** Learned median latency per service province-wide (`business|channel`), for the province-wide rows. */
  readonly serviceBaselines?: ReadonlyMap<string, number>;
  /**
   * Score every service in every region too, and the channel × region and region rows built on them (the default).
   * Rankings only need services and businesses: without these, a province is scored in a fourteenth of the time.
   */
  readonly perRegion?: boolean;
}

/**
 * Every score row of one window: services per region and overall, then channel, business (overall and per region),
 * region and total.
 */
export function computeScoreRows(inputs: ScoreInputs): ScoreRow[] {
  const serviceRegion =
    inputs.perRegion === false
      ? []
      : inputs.sums.map((sums) => serviceRow('service_region', sums, scoreServiceSums(sums, inputs)));
  const perService = sumsPerService(inputs.sums).map((sums) => ({
    ...sums,
    baselineP50Ms: inputs.serviceBaselines?.get(`${sums.business}|${sums.channel}`) ?? null,
  }));
  const service = perService.map((sums) => serviceRow('service', sums, scoreServiceSums(sums, inputs)));
  const channelRegion = [...groupBy(serviceRegion, (row) => `${row.channel}|${row.region}`).values()].map(
    (rows) =>
      aggregateRow(
        'channel_region',
        { business: '', channel: (rows[0] as ScoreRow).channel, region: (rows[0] as ScoreRow).region },
        rows.map((row) => ({ key: row.business, row })),
      ),
  );
  const channel = [...groupBy(service, (row) => row.channel).entries()].map(([code, rows]) =>
    aggregateRow(
      'channel',
      { business: '', channel: code, region: '' },
      rows.map((row) => ({ key: row.business, row })),
    ),
  );
  const business = [...groupBy(service, (row) => row.business).entries()].map(([code, rows]) => ({
    ...aggregateRow(
      'business',
      { business: code, channel: '', region: '' },
      rows.map((row) => ({ key: row.channel, row })),
    ),
    p95Ms: mergedP95(perService.filter((sums) => sums.business === code)),
  }));
  const sumsByBusinessRegion = groupBy(inputs.sums, (sums) => `${sums.business}|${sums.region}`);
  const businessRegion = [...groupBy(serviceRegion, (row) => `${row.business}|${row.region}`).entries()].map(
    ([key, rows]) => ({
      ...aggregateRow(
        'business_region',
        { business: (rows[0] as ScoreRow).business, channel: '', region: (rows[0] as ScoreRow).region },
        rows.map((row) => ({ key: row.channel, row })),
      ),
      p95Ms: mergedP95(sumsByBusinessRegion.get(key) ?? []),
    }),
  );
  const region = [...groupBy(channelRegion, (row) => row.region).entries()].map(([code, rows]) =>
    aggregateRow(
      'region',
      { business: '', channel: '', region: code },
      rows.map((row) => ({ key: row.channel, row })),
    ),
  );
  const overall = aggregateRow(
    'overall',
    { business: '', channel: '', region: '' },
    channel.map((row) => ({ key: row.channel, row })),
  );
  return [
    ...serviceRegion,
    ...service,
    ...channelRegion,
    ...channel,
    ...business,
    ...businessRegion,
    ...region,
    overall,
  ];
}
