/** One HTTP step, in the shape the server's check input accepts (kept local so the demo needs no contracts). */
export interface DemoHttpStep {
  readonly kind: 'http';
  readonly name: string;
  readonly method: 'GET' | 'POST';
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: string;
  readonly timeoutMs: number;
  readonly expectStatus: number;
  readonly bodyContains: string;
  readonly maxLatencyMs: number;
}

/** A check definition the server's `checkInputSchema` accepts as is. */
export interface DemoCheckDefinition {
  readonly name: string;
  readonly description: string;
  readonly intervalSeconds: number;
  readonly tags: readonly string[];
  readonly business: string;
  readonly channel: string;
  readonly region: string;
  readonly locations: readonly string[];
  readonly steps: readonly DemoHttpStep[];
}

// Targets from the seeds: payment is a transaction with a 3 s SLA; queries get 2 s here (their SLA is 30 s) so
// injected latency shows up as failed runs within a demo session instead of never.
const QUERY_MAX_LATENCY_MS = 2000;
const PAYMENT_MAX_LATENCY_MS = 3000;
const TIMEOUT_MS = 10_000;
const JSON_HEADERS = { 'content-type': 'application/json' } as const;

type StepSpec = Pick<DemoHttpStep, 'name' | 'method' | 'bodyContains'> & {
  readonly path: string;
  readonly body?: unknown;
  readonly maxLatencyMs?: number;
};

function httpStep(base: string, spec: StepSpec): DemoHttpStep {
  const { path, body, maxLatencyMs = QUERY_MAX_LATENCY_MS, ...rest } = spec;
  return {
    kind: 'http',
    ...rest,
    url: new URL(path, base).toString(),
    headers: body === undefined ? {} : JSON_HEADERS,
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    timeoutMs: TIMEOUT_MS,
    expectStatus: 200,
    maxLatencyMs,
  };
}

type CheckSpec = Omit<DemoCheckDefinition, 'locations' | 'steps' | 'tags'> & { readonly step: StepSpec };

const CHECK_SPECS: readonly CheckSpec[] = [
  {
    name: '网厅 首页 / Web hall home page',
    description: 'Opens the web hall landing page, as a customer does before any self-service.',
    intervalSeconds: 30,
    business: 'home_page',
    channel: 'web_hall',
    region: 'changsha',
    step: { name: 'open home page', method: 'GET', path: '', bodyContains: '网上营业厅' },
  },
  {
    name: '网厅 余额查询 / Web hall balance query',
    description: 'Queries the balance of a Changsha demo subscriber through the web hall API.',
    intervalSeconds: 30,
    business: 'balance_query',
    channel: 'web_hall',
    region: 'changsha',
    step: {
      name: 'query balance',
      method: 'GET',
      path: 'api/webhall/balance?phone=13907310001',
      bodyContains: 'balanceYuan',
    },
  },
  {
    name: '网厅 账单查询 / Web hall bill query',
    description: "Queries the current month's itemised bill of a Zhuzhou demo subscriber.",
    intervalSeconds: 60,
    business: 'bill_query',
    channel: 'web_hall',
    region: 'zhuzhou',
    step: {
      name: 'query bill',
      method: 'GET',
      path: 'api/webhall/bill?phone=13907330002',
      bodyContains: 'totalYuan',
    },
  },
  {
    name: '网厅 缴费 / Web hall payment',
    // One fen per run keeps the simulated balance plausible however long the demo runs.
    description: 'Pays 0.01 yuan for a Xiangtan demo subscriber in arrears; a transaction with a 3 s target.',
    intervalSeconds: 60,
    business: 'payment',
    channel: 'web_hall',
    region: 'xiangtan',
    step: {
      name: 'pay 0.01 yuan',
      method: 'POST',
      path: 'api/webhall/payment',
      body: { phone: '13907320003', amountYuan: 0.01 },
      bodyContains: '"status":"paid"',
      maxLatencyMs: PAYMENT_MAX_LATENCY_MS,
    },
  },
  {
    name: '短厅 余额查询 CXYE / SMS hall balance query',
    description: 'Sends the CXYE command to the SMS hall and expects the balance reply.',
    intervalSeconds: 60,
    business: 'balance_query',
    channel: 'sms_hall',
    region: 'changsha',
    step: {
      name: 'send CXYE',
      method: 'POST',
      path: 'api/smshall/command',
      body: { from: '13907310001', text: 'CXYE' },
      bodyContains: '余额',
    },
  },
  {
    name: 'IVR 主菜单 / IVR main menu',
    description: 'Fetches the 10086 voice menu a caller hears first.',
    intervalSeconds: 30,
    business: 'ivr_menu',
    channel: 'ivr',
    region: 'changsha',
    step: {
      name: 'fetch root menu',
      method: 'GET',
      path: 'api/ivr/menu?node=root',
      bodyContains: '话费查询',
    },
  },
];

/**
 * The demo checks, pointed at a running demo back end. Names are stable, so applying them again refreshes the
 * same checks with a new URL.
 *
 * @example demoCheckDefinitions(demo.url)[0].steps[0].url // 'http://127.0.0.1:41234/'
 */
export function demoCheckDefinitions(baseUrl: string): DemoCheckDefinition[] {
  // Resolve paths below the base even when it lacks a trailing slash (`http://host/prefix`).
  const base = baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`;
  return CHECK_SPECS.map(({ step, ...check }) => ({
    ...check,
    tags: ['demo', check.channel],
    locations: ['local'],
    steps: [httpStep(base, step)],
  }));
}
