import type { IndicatorSource } from '@ganzhi/contracts';
import { SAMPLES_MEASUREMENT, type MeasurementCatalog } from '@ganzhi/quality';

/**
 * The measurements each source provides per scope and window — the only names a formula may use.
 * Probe runs and business transactions share the rollup measurements (summed counts and merged latency histograms
 * per service × region); the business's targets ride along so thresholds can be relative to them.
 */
const ROLLUP_MEASUREMENTS: MeasurementCatalog = {
  [SAMPLES_MEASUREMENT]: 'number',
  count: 'number',
  failures: 'number',
  latency: 'histogram',
  latency_sum_ms: 'number',
  /** Minutes in the window that hold data, and those in which the service was down (probe: every run failed). */
  minutes: 'number',
  failed_minutes: 'number',
  /** The business's SLA response target (3 s payment and account opening, 30 s queries). */
  sla_ms: 'number',
  /** The Apdex target T of the business type (§d.1: interactive 2 s, payment 3 s, query 7.5 s, SMS/recharge 10 s). */
  apdex_t_ms: 'number',
  /** The median of the learned baseline for the same hour and kind of day, when one has been learned. */
  baseline_p50_ms: 'number',
};

/** Per-system resource metrics (pushed or scraped), each as its window mean and maximum, and the capacity indices. */
export const RESOURCE_METRICS = [
  'cpu_util',
  'storage_util',
  'pool_in_use',
  'pool_size',
  'link_util',
  'host_up',
];

const RESOURCE_MEASUREMENTS: MeasurementCatalog = Object.fromEntries([
  [SAMPLES_MEASUREMENT, 'number'],
  ...RESOURCE_METRICS.flatMap((metric) => [
    [`${metric}_mean`, 'number'],
    [`${metric}_max`, 'number'],
  ]),
  ['cpu_util_busy_hour_mean', 'number'],
  ['running_index', 'number'],
  ['capability_index', 'number'],
]) as MeasurementCatalog;

/**
 * Counters and gauges other systems report (MMSC and SMSC statistics, billing audits, complaint tickets, surveys):
 * summed over the window, named here so that a formula using one is checked like any other.
 */
export const EXTERNAL_MEASUREMENT_NAMES = [
  'mms_notifications_sent',
  'mms_retrieved',
  'mms_submitted',
  'mms_expired',
  'mms_e2e_delivery_p95_s',
  'sms_submit_attempts',
  'sms_submit_rejected',
  'sms_sent',
  'sms_not_received',
  'sms_e2e_delivery_p95_s',
  'pdp_attempts',
  'pdp_failures',
  'ip_access_attempts',
  'ip_access_failures',
  'wap_page_session_p90_s',
  'dr_rto_minutes',
  'incidents',
  'incident_restore_minutes',
  'payments_posted',
  'payment_posting_p95_s',
  'reactivations',
  'reactivations_on_time',
  'reactivation_p95_min',
  'rating_sustained_per_s',
  'rating_peak_arrival_per_s',
  'rating_latency_p95_min',
  'bill_cycles',
  'bill_cycles_on_time',
  'bills_issued',
  'bills_adjusted',
  'orders',
  'orders_without_fallout',
  'provisioning_p95_min',
  'interface_calls',
  'interface_call_failures',
  'interface_response_p95_s',
  'subscriptions_boss',
  'subscriptions_consistent',
  'charge_records_audited',
  'charge_records_correct',
  'platform_busy_rate',
  'platform_rated_capacity',
  'messages_scheduled',
  'messages_accepted',
  'editions',
  'editions_on_time',
  'sms_reply_p95_s',
  'page_views',
  'page_views_error',
  'page_views_blank',
  'transactions_observed',
  'transactions_resubmitted',
  'ivr_self_service_sessions',
  'ivr_self_service_completed',
  'editions_dispatched',
  'editions_received',
  'editions_received_on_time',
  'active_users',
  'active_users_compatible',
  'subscription_steps',
  'content_rating_sum',
  'content_ratings',
  'complaints',
  'complaints_previous_month',
  'complaints_trailing_mean',
  'repeat_complaints',
  'complaint_resolution_p90_h',
  'tickets',
  'tickets_confirmed',
  'paying_users_start',
  'paying_users_lost',
  'churn_prior_quarter_mean',
  'csat_sum',
  'csat_responses',
] as const;

/** External measurements that are levels, not counts: averaged over a window instead of summed. */
export const EXTERNAL_GAUGES: ReadonlySet<string> = new Set(
  EXTERNAL_MEASUREMENT_NAMES.filter(
    (name) =>
      /_(p\d+|mean)_|_mean$|_(s|min|h)$/.test(name) ||
      ['dr_rto_minutes', 'subscription_steps', 'platform_busy_rate', 'platform_rated_capacity'].includes(
        name,
      ),
  ),
);

const EXTERNAL_MEASUREMENTS: MeasurementCatalog = Object.fromEntries([
  [SAMPLES_MEASUREMENT, 'number'],
  ...EXTERNAL_MEASUREMENT_NAMES.map((name) => [name, 'number']),
]) as MeasurementCatalog;

export const MEASUREMENT_CATALOGS: Readonly<Record<IndicatorSource, MeasurementCatalog>> = {
  probe: ROLLUP_MEASUREMENTS,
  transactions: ROLLUP_MEASUREMENTS,
  resource: RESOURCE_MEASUREMENTS,
  external: EXTERNAL_MEASUREMENTS,
};
