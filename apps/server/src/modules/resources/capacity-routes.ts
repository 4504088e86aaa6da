import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  capacityMonthQuerySchema,
  capacityReportSchema,
  capacitySettingsInputSchema,
  capacitySettingsSchema,
  dimensionCodeSchema,
} from '@ganzhi/contracts';
import { requireActor } from '../../http/authenticate.js';
import type { CapacityService } from './capacity-service.js';

const tags = ['capacity'];
const systemParams = z.object({ code: dimensionCodeSchema });

export function capacityRoutes(capacity: CapacityService): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/capacity',
      {
        config: { access: 'capacity:read' },
        schema: {
          tags,
          summary:
            'Running index, capability index, busiest-day CPU profile and per-host drill-down of every system for a month',
          querystring: capacityMonthQuerySchema,
          response: { 200: capacityReportSchema },
        },
      },
      (request) => capacity.monthReport({ month: request.query.month }),
    );
    app.get(
      '/capacity/systems/:code/settings',
      {
        config: { access: 'capacity:read' },
        schema: {
          tags,
          summary: 'Capacity settings of a system (tpmC, CPU threshold, daytime window)',
          params: systemParams,
          response: { 200: capacitySettingsSchema },
        },
      },
      (request) => capacity.getSettings({ system: request.params.code }),
    );
    app.put(
      '/capacity/systems/:code/settings',
      {
        config: { access: 'capacity:write', scope: 'province' },
        schema: {
          tags,
          summary: 'Replace the capacity settings of a system',
          params: systemParams,
          body: capacitySettingsInputSchema,
          response: { 200: capacitySettingsSchema },
        },
      },
      (request) =>
        capacity.updateSettings({
          actor: requireActor(request),
          system: request.params.code,
          input: request.body,
        }),
    );
    await Promise.resolve();
  };
}
