import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** The platform's own metrics, on a registry per app instance (tests build many apps in one process). */
export function createMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'ganzhi_' });
  return {
    registry,
    runsExecuted: new Counter({
      name: 'ganzhi_runs_executed_total',
      help: 'Check runs executed and stored, by outcome',
      labelNames: ['outcome'] as const,
      registers: [registry],
    }),
    ingestBatches: new Counter({
      name: 'ganzhi_ingest_batches_total',
      help: 'Batches committed by ingest paths (runs, transactions), by kind',
      labelNames: ['kind'] as const,
      registers: [registry],
    }),
    ingestRecords: new Counter({
      name: 'ganzhi_ingest_records_total',
      help: 'Transaction records received, by outcome (accepted, duplicate, rejected)',
      labelNames: ['outcome'] as const,
      registers: [registry],
    }),
    dbQuerySeconds: new Histogram({
      name: 'ganzhi_db_query_duration_seconds',
      help: 'Database query latency',
      labelNames: ['outcome'] as const,
      buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1, 5],
      registers: [registry],
    }),
  };
}

export type Metrics = ReturnType<typeof createMetrics>;
