import { stringify } from 'csv-stringify/sync';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  dimensionCodeSchema,
  resolutionSchema,
  transactionGroupBySchema,
  transactionSeriesSchema,
  type TransactionSeries,
} from '@ganzhi/contracts';
import { contextOf } from '../../http/authenticate.js';
import type { TransactionQueryService } from './transaction-query-service.js';

const tags = ['transactions'];

/** `?channel=a&channel=b` or `?channel=a,b`. */
const codeList = z.preprocess(
  (value) =>
    value === undefined
      ? []
      : (Array.isArray(value) ? value : [value]).flatMap((item) => String(item).split(',')).filter(Boolean),
  z.array(dimensionCodeSchema).max(200),
);

const seriesQuerystring = z.object({
  from: z.iso.datetime({ offset: true }),
  to: z.iso.datetime({ offset: true }),
  resolution: resolutionSchema.default('minute'),
  channel: codeList,
  business: codeList,
  region: codeList,
  segment: codeList,
  groupBy: transactionGroupBySchema.default('none'),
});

const CSV_COLUMNS = [
  'time',
  'group',
  'count',
  'failures',
  'failure_ratio',
  'p50_ms',
  'p95_ms',
  'p99_ms',
  'fast',
  'slow',
  'sluggish',
  'very_slow',
];

function round(value: number | null): number | string {
  return value === null ? '' : Math.round(value * 10) / 10;
}

/** One row per group per bucket, the shape spreadsheets pivot on. */
export function seriesToCsv(series: TransactionSeries): string {
  const rows = series.groups.flatMap((group) =>
    group.points.map((point) => [
      point.t,
      group.key,
      point.count,
      point.failures,
      point.count > 0 ? (point.failures / point.count).toFixed(4) : '',
      round(point.p50Ms),
      round(point.p95Ms),
      round(point.p99Ms),
      point.tiers.fast,
      point.tiers.slow,
      point.tiers.sluggish,
      point.tiers.verySlow,
    ]),
  );
  return stringify(rows, { header: true, columns: CSV_COLUMNS });
}

export function transactionRoutes(queries: TransactionQueryService): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/transactions/series',
      {
        config: { access: 'transactions:read' },
        schema: {
          tags,
          summary:
            'Transaction volume, failures, percentiles and tiers over time, filtered and grouped by dimension',
          querystring: seriesQuerystring,
          response: { 200: transactionSeriesSchema },
        },
      },
      (request) => queries.querySeries({ ctx: contextOf(request), query: request.query }),
    );
    app.get(
      '/transactions/export.csv',
      {
        config: { access: 'transactions:read' },
        schema: {
          tags,
          summary: 'The same series as CSV (one row per group and bucket)',
          produces: ['text/csv'],
          querystring: seriesQuerystring,
          response: { 200: z.string().describe('CSV with a header row, UTF-8 with a byte-order mark') },
        },
      },
      async (request, reply) => {
        const csv = seriesToCsv(await queries.querySeries({ ctx: contextOf(request), query: request.query }));
        return reply
          .header('content-type', 'text/csv; charset=utf-8')
          .header('content-disposition', 'attachment; filename="ganzhi-transactions.csv"')
          .send(`\ufeff${csv}`);
      },
    );
    await Promise.resolve();
  };
}
