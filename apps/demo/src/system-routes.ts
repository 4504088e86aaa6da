import { resolveRouteFaults, type DemoFaults } from './demo-faults.js';
import { jsonReply, type DemoReply } from './demo-reply.js';
import type { DemoRoute } from './route-table.js';

type ComponentStatus = 'up' | 'degraded' | 'down';

/** The BOSS subsystems and the demo route each one serves, so per-route faults show on the right component. */
const BOSS_COMPONENTS = [
  { name: 'crm', path: '/api/webhall/login' },
  { name: 'billing', path: '/api/webhall/bill' },
  { name: 'account', path: '/api/webhall/balance' },
  { name: 'payment', path: '/api/webhall/payment' },
  { name: 'sms_gateway', path: '/api/smshall/command' },
  { name: 'ivr_platform', path: '/api/ivr/menu' },
  { name: 'order_center', path: '/api/boss/orders' },
] as const;

// Deliberately absent: the web portal's pages (white pages) and the HTTPS certificate. BOSS monitoring sees its own
// systems, so those faults leave it green while customers suffer: the gap customer-perceived checks close.

// A second of added latency is where web-hall users start abandoning pages; call that degraded.
const DEGRADED_LATENCY_MS = 1000;

function componentStatus(faults: DemoFaults, path: string): ComponentStatus {
  const knobs = resolveRouteFaults(faults, path);
  if (knobs.down || knobs.errorRatio >= 1) return 'down';
  const isSlow = knobs.latencyMs + knobs.jitterMs >= DEGRADED_LATENCY_MS || knobs.slowRatio > 0;
  return knobs.errorRatio > 0 || isSlow || knobs.monthEnd ? 'degraded' : 'up';
}

function reportBossStatus(faults: DemoFaults): DemoReply {
  const components = BOSS_COMPONENTS.map(({ name, path }) => ({
    name,
    status: componentStatus(faults, path),
  }));
  const statuses = new Set(components.map((component) => component.status));
  const status: ComponentStatus = statuses.has('down')
    ? 'down'
    : statuses.has('degraded')
      ? 'degraded'
      : 'up';
  return jsonReply({ system: 'BOSS', status, isMonthEndPeak: faults.monthEnd, components });
}

/**
 * Liveness and the BOSS (business support system) status page that operators look at first.
 *
 * @example GET /api/boss/status → { system: 'BOSS', status: 'up', components: [{ name: 'billing', status: 'up' }, …] }
 */
export function createSystemRoutes(): DemoRoute[] {
  return [
    {
      method: 'GET',
      path: '/healthz',
      kind: 'health',
      baseLatencyMs: 0,
      handle: () => jsonReply({ status: 'ok' }),
    },
    {
      method: 'GET',
      path: '/api/boss/status',
      kind: 'query',
      baseLatencyMs: 10,
      handle: (request) => reportBossStatus(request.faults),
    },
  ];
}
