import { DEMO_PASSWORD } from './demo-accounts.js';
import {
  assertJson,
  bearer,
  extractJson,
  httpStep,
  STEP_TIMEOUT_MS,
  TRANSACTION_MAX_LATENCY_MS,
  type DemoCheckSpec,
  type DemoTargets,
} from './demo-check-steps.js';

// A browser journey loads two pages and submits a form; 30 s is the contracts' default budget for it.
const BROWSER_TIMEOUT_MS = 30_000;
// A month's warning, as operators renew certificates well before they lapse.
const MIN_DAYS_TO_EXPIRY = 30;

function homePageCheck({ base }: DemoTargets): DemoCheckSpec {
  return {
    name: '网厅 首页 / Web hall home page',
    description: 'Opens the web hall landing page, as a customer does before any self-service.',
    intervalSeconds: 30,
    business: 'home_page',
    channel: 'web_hall',
    region: 'changsha',
    variables: {},
    steps: [httpStep(base, { name: 'open home page', method: 'GET', path: '', bodyContains: '网上营业厅' })],
  };
}

function paymentJourney({ base }: DemoTargets): DemoCheckSpec {
  return {
    name: '网厅 登录-账单-缴费 / Web hall login, bill and payment',
    // One fen per run keeps the simulated balance plausible however long the demo runs.
    description:
      "Logs a Xiangtan subscriber in arrears into the web hall, reads this month's bill on the session cookie, " +
      'pays 0.01 yuan with the login token and confirms the new balance. Payment is a transaction: 3 s target.',
    intervalSeconds: 60,
    business: 'payment',
    channel: 'web_hall',
    region: 'xiangtan',
    variables: { phone: '13907320003', password: DEMO_PASSWORD },
    steps: [
      httpStep(base, {
        name: 'log in',
        method: 'POST',
        path: 'api/webhall/login',
        json: { phone: '{{phone}}', password: '{{password}}' },
        extract: [extractJson('token', '$.token', { secret: true })],
        assert: [{ subject: 'header', expression: 'set-cookie', comparison: 'contains', value: 'session=' }],
      }),
      httpStep(base, {
        name: 'query this month bill',
        method: 'GET',
        path: 'api/webhall/bill?month={{$month}}',
        assert: [
          assertJson('$.month', 'equals', '{{$month}}'),
          assertJson('$.phone', 'equals', '{{phone}}'),
          assertJson('$.totalYuan', 'greaterThan', 0),
        ],
      }),
      httpStep(base, {
        name: 'pay 0.01 yuan',
        method: 'POST',
        path: 'api/webhall/payment',
        json: { phone: '{{phone}}', amountYuan: 0.01 },
        auth: bearer('token'),
        maxLatencyMs: TRANSACTION_MAX_LATENCY_MS,
        extract: [extractJson('balanceAfterPayment', '$.balanceYuan')],
        assert: [
          assertJson('$.status', 'equals', 'paid'),
          assertJson('$.receiptId', 'matches', '^RCPT\\d{8}$'),
        ],
      }),
      httpStep(base, {
        name: 'confirm balance',
        method: 'GET',
        path: 'api/webhall/balance',
        assert: [assertJson('$.balanceYuan', 'equals', '{{balanceAfterPayment}}')],
      }),
    ],
  };
}

function browserJourney({ base }: DemoTargets): DemoCheckSpec {
  return {
    name: '网厅 浏览器登录查账单 / Web hall browser login and bill',
    description:
      "Logs a Zhuzhou subscriber into the web hall portal in Chromium and waits for this month's bill (本月账单): " +
      'catches white pages (白屏) that status and title checks miss.',
    intervalSeconds: 60,
    business: 'bill_query',
    channel: 'web_hall',
    region: 'zhuzhou',
    variables: { phone: '13907330002', password: DEMO_PASSWORD },
    steps: [
      {
        kind: 'browser',
        name: 'log in and open the bill',
        timeoutMs: BROWSER_TIMEOUT_MS,
        actions: [
          { action: 'goto', url: `${base}webhall/login` },
          { action: 'fill', selector: '#phone', value: '{{phone}}' },
          { action: 'fill', selector: '#password', value: '{{password}}' },
          { action: 'click', selector: '#login-button' },
          { action: 'waitForText', text: '本月账单' },
          { action: 'assertVisible', selector: '#bill-summary' },
        ],
      },
    ],
  };
}

function httpsCheck(httpsUrl: string): DemoCheckSpec {
  const url = new URL(httpsUrl);
  // URL keeps IPv6 literals bracketed; the tls step wants the bare address.
  const host = url.hostname.replace(/^\[|\]$/g, '');
  return {
    name: '网厅 HTTPS 证书 / Web hall HTTPS certificate',
    description:
      'Checks the certificate of the web hall over HTTPS (self-signed in the demo, so only expiry and names are ' +
      'judged), then loads the home page through it.',
    intervalSeconds: 60,
    business: 'home_page',
    channel: 'web_hall',
    region: 'changsha',
    variables: {},
    steps: [
      {
        kind: 'tls',
        name: 'check certificate',
        host,
        port: Number(url.port || 443),
        minDaysToExpiry: MIN_DAYS_TO_EXPIRY,
        requireTrustedChain: false,
        timeoutMs: STEP_TIMEOUT_MS,
      },
      httpStep(url.href, {
        name: 'open home page over HTTPS',
        method: 'GET',
        path: '',
        insecureTls: true,
        bodyContains: '网上营业厅',
      }),
    ],
  };
}

/**
 * The web hall's checks: home page, the login-bill-payment API journey, the portal in a browser and, when the demo
 * serves HTTPS, its certificate.
 */
export function webHallChecks(
  targets: DemoTargets,
  options: { readonly includeBrowserJourney: boolean },
): DemoCheckSpec[] {
  return [
    homePageCheck(targets),
    paymentJourney(targets),
    ...(options.includeBrowserJourney ? [browserJourney(targets)] : []),
    ...(targets.httpsUrl === undefined ? [] : [httpsCheck(targets.httpsUrl)]),
  ];
}
