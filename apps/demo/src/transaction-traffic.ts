/**
 * Passive demo traffic: a province's business transactions as the logs of every channel would report them —
 * day-shaped (quiet nights, morning and afternoon peaks, an evening peak on self-service channels), heavier and
 * slower at month end and month start (the seeds' white screens and repeated-submit errors), with occasional
 * incidents that hit one channel in one city. Deterministic: the same minute always yields the same records.
 */

export interface DemoTransaction {
  readonly time: number;
  readonly business: string;
  readonly channel: string;
  readonly region: string;
  readonly segment?: string;
  readonly system: string;
  readonly latencyMs: number;
  readonly outcome: string;
}

interface ChannelProfile {
  readonly share: number;
  /** Businesses offered on the channel with their share of its volume. */
  readonly businesses: readonly (readonly [string, number])[];
  /** Self-service channels peak again in the evening. */
  readonly eveningPeak: boolean;
  /** Halls know who the customer is: their records carry the value segment. */
  readonly segmented: boolean;
}

const CHANNELS: Readonly<Record<string, ChannelProfile>> = {
  hall: {
    share: 0.22,
    businesses: [
      ['payment', 0.35],
      ['bill_query', 0.2],
      ['plan_change', 0.2],
      ['account_opening', 0.25],
    ],
    eveningPeak: false,
    segmented: true,
  },
  partner_hall: {
    share: 0.13,
    businesses: [
      ['payment', 0.5],
      ['account_opening', 0.3],
      ['recharge', 0.2],
    ],
    eveningPeak: false,
    segmented: true,
  },
  ivr: {
    share: 0.2,
    businesses: [
      ['ivr_menu', 0.5],
      ['balance_query', 0.3],
      ['bill_query', 0.2],
    ],
    eveningPeak: true,
    segmented: false,
  },
  sms_hall: {
    share: 0.12,
    businesses: [
      ['sms_command', 0.5],
      ['balance_query', 0.5],
    ],
    eveningPeak: true,
    segmented: false,
  },
  web_hall: {
    share: 0.13,
    businesses: [
      ['home_page', 0.3],
      ['bill_query', 0.3],
      ['payment', 0.25],
      ['plan_change', 0.15],
    ],
    eveningPeak: true,
    segmented: false,
  },
  app: {
    share: 0.2,
    businesses: [
      ['home_page', 0.3],
      ['balance_query', 0.3],
      ['payment', 0.25],
      ['recharge', 0.15],
    ],
    eveningPeak: true,
    segmented: false,
  },
};

/** Hunan cities weighted roughly by subscribers (Changsha largest). */
const REGIONS: readonly (readonly [string, number])[] = [
  ['changsha', 0.2],
  ['hengyang', 0.09],
  ['changde', 0.08],
  ['yueyang', 0.08],
  ['shaoyang', 0.07],
  ['zhuzhou', 0.07],
  ['chenzhou', 0.07],
  ['yongzhou', 0.06],
  ['yiyang', 0.06],
  ['huaihua', 0.06],
  ['xiangtan', 0.05],
  ['loudi', 0.05],
  ['xiangxi', 0.03],
  ['zhangjiajie', 0.03],
];

const SEGMENTS: readonly (readonly [string, number])[] = [
  ['mvc', 0.1],
  ['mgc', 0.2],
  ['normal', 0.6],
  ['bz', 0.1],
];

interface BusinessProfile {
  readonly medianMs: number;
  readonly system: string;
  /** Transactions slow down at month end; queries do not. */
  readonly monthEndSensitive: boolean;
  readonly errorCodes: readonly string[];
}

const BUSINESSES: Readonly<Record<string, BusinessProfile>> = {
  home_page: {
    medianMs: 450,
    system: 'crm',
    monthEndSensitive: false,
    errorCodes: ['HTTP_500', 'white_page'],
  },
  balance_query: { medianMs: 350, system: 'billing_query', monthEndSensitive: false, errorCodes: ['E2001'] },
  bill_query: {
    medianMs: 900,
    system: 'billing_query',
    monthEndSensitive: true,
    errorCodes: ['E2001', 'timeout'],
  },
  payment: {
    medianMs: 1300,
    system: 'accounting',
    monthEndSensitive: true,
    errorCodes: ['E1023', 'dup_submit'],
  },
  account_opening: {
    medianMs: 2200,
    system: 'crm',
    monthEndSensitive: true,
    errorCodes: ['E3005', 'dup_submit'],
  },
  plan_change: { medianMs: 1600, system: 'crm', monthEndSensitive: true, errorCodes: ['E3011', 'timeout'] },
  recharge: { medianMs: 2500, system: 'credit', monthEndSensitive: true, errorCodes: ['E4002', 'timeout'] },
  sms_command: {
    medianMs: 1800,
    system: 'billing_query',
    monthEndSensitive: false,
    errorCodes: ['sms_timeout'],
  },
  ivr_menu: { medianMs: 700, system: 'crm', monthEndSensitive: false, errorCodes: ['ivr_hangup'] },
};

const MINUTE_MS = 60_000;
const HOUR_MS = 3_600_000;
/** Asia/Shanghai has no daylight saving: local time is UTC + 8 h all year. */
const LOCAL_OFFSET_MS = 8 * HOUR_MS;

/** Share of the daily peak rate at a local hour (0–23, fractional): quiet nights, peaks at 10:00 and 15:30. */
export function dayShape(localHour: number, eveningPeak: boolean): number {
  const bump = (centre: number, width: number) => Math.exp(-((localHour - centre) ** 2) / (2 * width ** 2));
  const base = 0.04 + 0.9 * bump(10, 1.6) + 0.85 * bump(15.5, 1.8) + 0.4 * bump(12.5, 0.8);
  return Math.min(1, base + (eveningPeak ? 0.6 * bump(20.5, 1.5) : 0));
}

/** Month-end (last three days) and month-start (first two days) peak: more traffic, slower transactions. */
export function isMonthEdge(timeMs: number): boolean {
  const local = new Date(timeMs + LOCAL_OFFSET_MS);
  const day = local.getUTCDate();
  const daysInMonth = new Date(Date.UTC(local.getUTCFullYear(), local.getUTCMonth() + 1, 0)).getUTCDate();
  return day >= daysInMonth - 2 || day <= 2;
}

/** A small seeded generator (mulberry32): reproducible records for a given minute. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

function pickWeighted<T>(items: readonly (readonly [T, number])[], random: () => number): T {
  const total = items.reduce((sum, [, weight]) => sum + weight, 0);
  let roll = random() * total;
  for (const [item, weight] of items) {
    roll -= weight;
    if (roll <= 0) return item;
  }
  return (items[items.length - 1] as readonly [T, number])[0];
}

/** Normal deviate (Box–Muller) for log-normal latencies. */
function gaussian(random: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
}

export interface DemoIncident {
  readonly channel: string;
  readonly region: string;
  readonly startMs: number;
  readonly endMs: number;
}

/** The incident running in the hour of `timeMs`, if any: about one hour in four has one, 10–40 minutes long. */
export function incidentAt(timeMs: number): DemoIncident | undefined {
  const hour = Math.floor(timeMs / HOUR_MS);
  const random = seeded(hour * 7919 + 17);
  if (random() > 0.25) return undefined;
  const channels = Object.keys(CHANNELS);
  const channel = channels[Math.floor(random() * channels.length)] ?? 'web_hall';
  const region = REGIONS[Math.floor(random() * REGIONS.length)]?.[0] ?? 'changsha';
  const startMs = hour * HOUR_MS + Math.floor(random() * 20) * MINUTE_MS;
  const endMs = startMs + (10 + Math.floor(random() * 31)) * MINUTE_MS;
  return timeMs >= startMs && timeMs < endMs ? { channel, region, startMs, endMs } : undefined;
}

export interface TrafficOptions {
  /** Records per minute across the province at the daily peak, before the month-edge boost. */
  readonly peakPerMinute: number;
}

/** Every record of the minute starting at `minuteStartMs`, in time order. */
export function demoTransactionsForMinute(minuteStartMs: number, options: TrafficOptions): DemoTransaction[] {
  const random = seeded(Math.floor(minuteStartMs / MINUTE_MS));
  const localHour = (((minuteStartMs + LOCAL_OFFSET_MS) % (24 * HOUR_MS)) + 24 * HOUR_MS) % (24 * HOUR_MS);
  const monthEdge = isMonthEdge(minuteStartMs);
  const incident = incidentAt(minuteStartMs);
  const records: DemoTransaction[] = [];
  for (const [channel, profile] of Object.entries(CHANNELS)) {
    const rate =
      options.peakPerMinute *
      profile.share *
      dayShape(localHour / HOUR_MS, profile.eveningPeak) *
      (monthEdge ? 1.8 : 1);
    const count = Math.floor(rate) + (random() < rate - Math.floor(rate) ? 1 : 0);
    for (let i = 0; i < count; i++) {
      const business = pickWeighted(profile.businesses, random);
      const region = pickWeighted(REGIONS, random);
      const shape = BUSINESSES[business] as BusinessProfile;
      const hit = incident !== undefined && incident.channel === channel && incident.region === region;
      const slowdown = (monthEdge && shape.monthEndSensitive ? 2.6 : 1) * (hit ? 4 : 1);
      const latencyMs = Math.round(shape.medianMs * slowdown * Math.exp(0.45 * gaussian(random)));
      const failureRatio = 0.004 + (monthEdge && shape.monthEndSensitive ? 0.02 : 0) + (hit ? 0.15 : 0);
      const failed = random() < failureRatio;
      const outcome = failed
        ? (shape.errorCodes[Math.floor(random() * shape.errorCodes.length)] ?? 'error')
        : 'ok';
      records.push({
        time: minuteStartMs + Math.floor(random() * MINUTE_MS),
        business,
        channel,
        region,
        ...(profile.segmented ? { segment: pickWeighted(SEGMENTS, random) } : {}),
        system: shape.system,
        latencyMs,
        outcome,
      });
    }
  }
  return records.sort((a, b) => a.time - b.time);
}
