// Ingest: passive transaction records from every channel → validated, de-duplicated, aggregated into rollups.
export { createTransactionIngestService, DEFAULT_INGEST_SETTINGS } from './transaction-ingest-service.js';
export type { TransactionIngestService, IngestSettings } from './transaction-ingest-service.js';
export { ingestRoutes } from './ingest-routes.js';
export type { IngestRouteOptions } from './ingest-routes.js';
export type { CustomerIdPolicy } from './transaction-records.js';
export { createTransactionQueryService } from './transaction-query-service.js';
export type { TransactionQueryService } from './transaction-query-service.js';
export { transactionRoutes } from './transaction-routes.js';
// Body decoding (NDJSON or JSON array, gzip, limits) for other batch endpoints, such as resource samples.
export { decodeIngestBody } from './ingest-body.js';
export type { BodyLimits } from './ingest-body.js';
export { isUnparsed } from './transaction-records.js';
