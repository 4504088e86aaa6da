import type { DemoAccounts } from './demo-accounts.js';
import { redirectReply, type DemoReply } from './demo-reply.js';
import { formatMonth, isRecord, parsePhone, readSessionToken } from './request-fields.js';
import type { DemoRequest, DemoRoute } from './route-table.js';
import { formatSessionCookie } from './session-auth.js';
import { renderAccountPage, renderLoginPage } from './web-hall-page-html.js';

export interface WebHallPagesDeps {
  readonly accounts: DemoAccounts;
  /** Epoch ms; the account page shows the current month's bill. */
  readonly now: () => number;
}

const LOGIN_PATH = '/webhall/login';
const ACCOUNT_PATH = '/webhall/account';

function htmlReply(html: string, status = 200): DemoReply {
  return { status, html };
}

function submitLogin(accounts: DemoAccounts, request: DemoRequest): DemoReply {
  const form = isRecord(request.body) ? request.body : {};
  const typedPhone = typeof form.phone === 'string' ? form.phone.trim() : '';
  const phone = parsePhone(typedPhone);
  const password = typeof form.password === 'string' ? form.password : '';
  const token = phone === null ? null : accounts.login({ phone, password });
  // A wrong login re-renders the form with the reason, as a browser user would see it; no redirect.
  if (token === null) {
    return htmlReply(
      renderLoginPage({ error: '手机号码或服务密码错误，请重新输入。', phone: typedPhone }),
      401,
    );
  }
  return redirectReply(ACCOUNT_PATH, { 'set-cookie': formatSessionCookie(token) });
}

function showAccount(deps: WebHallPagesDeps, request: DemoRequest): DemoReply {
  const token = readSessionToken(request.headers);
  const phone = token === null ? undefined : deps.accounts.findSession(token);
  const subscriber = phone === undefined ? undefined : deps.accounts.find(phone);
  if (!subscriber) return redirectReply(LOGIN_PATH);
  const month = formatMonth(deps.now());
  const items = deps.accounts.billItems({ phone: subscriber.phone, month }) ?? [];
  return htmlReply(renderAccountPage({ subscriber, month, items }));
}

/**
 * The web hall's browser-facing portal: a login form that posts back here, then a redirect (with the session
 * cookie) to the account page showing 本月账单. Post/redirect/get, as a real hall does, so browser journeys see
 * a navigation and HTTP flows can follow it with the cookie.
 *
 * @example GET /webhall/login → form; POST /webhall/login phone=…&password=… → 303 /webhall/account
 */
export function createWebHallPages(deps: WebHallPagesDeps): DemoRoute[] {
  return [
    {
      method: 'GET',
      path: LOGIN_PATH,
      kind: 'page',
      baseLatencyMs: 15,
      handle: () => htmlReply(renderLoginPage()),
    },
    {
      method: 'POST',
      path: LOGIN_PATH,
      kind: 'query',
      baseLatencyMs: 40,
      handle: (request) => submitLogin(deps.accounts, request),
    },
    {
      method: 'GET',
      path: ACCOUNT_PATH,
      kind: 'page',
      baseLatencyMs: 90,
      handle: (request) => showAccount(deps, request),
    },
  ];
}
