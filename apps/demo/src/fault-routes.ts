import { DEFAULT_DEMO_FAULTS, type DemoFaults } from './demo-faults.js';
import { errorReply, jsonReply } from './demo-reply.js';
import { parseFaultsPatch } from './parse-faults-patch.js';
import type { DemoRoute } from './route-table.js';

export interface FaultControls {
  readonly faults: () => DemoFaults;
  readonly setFaults: (patch: Partial<DemoFaults>) => void;
  /** Paths that may carry per-route overrides; a function because the route table is built after these routes. */
  readonly routePaths: () => ReadonlySet<string>;
}

/**
 * The admin endpoint for injecting faults at runtime (e2e tests, operators, demos). `admin` routes ignore every
 * fault, so a back end set `down` can still be brought back.
 *
 * @example POST /__demo/faults { "errorRatio": 0.2, "routes": { "/api/webhall/payment": { "latencyMs": 3000 } } }
 */
export function createFaultRoutes(controls: FaultControls): DemoRoute[] {
  const admin = { path: '/__demo/faults', kind: 'admin', baseLatencyMs: 0 } as const;
  return [
    { ...admin, method: 'GET', handle: () => jsonReply(controls.faults()) },
    {
      ...admin,
      method: 'POST',
      handle(request) {
        const parsed = parseFaultsPatch(request.body, controls.routePaths());
        if (!parsed.ok) return errorReply(400, 'VALIDATION', parsed.message);
        controls.setFaults(parsed.value);
        return jsonReply(controls.faults());
      },
    },
    {
      ...admin,
      method: 'DELETE',
      handle() {
        controls.setFaults(DEFAULT_DEMO_FAULTS);
        return jsonReply(controls.faults());
      },
    },
  ];
}
