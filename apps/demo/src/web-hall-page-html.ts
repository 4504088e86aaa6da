import { toYuan, type BillItem, type DemoSubscriber } from './demo-accounts.js';

/**
 * Server-rendered pages of the web hall's self-service portal: plain HTML without scripts or external assets, so
 * a browser step can drive them anywhere and only the page content decides whether a journey passes.
 */

const ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** @example escapeHtml('<b>') // '&lt;b&gt;' */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => ESCAPES[char] ?? char);
}

// `data:,` as the icon stops the browser from asking for /favicon.ico, which would only add a 404 to every run.
function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="zh-CN">
<head>
  <meta charset="utf-8">
  <title>${escapeHtml(title)} - 中国移动网上营业厅</title>
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <link rel="icon" href="data:,">
</head>
<body>
  <div id="app">
${body}
  </div>
</body>
</html>
`;
}

/**
 * The 白屏 symptom: what a single-page app serves when its scripts fail. Status 200 and a title, so status and
 * title checks pass, but nothing in the body.
 */
export const WHITE_PAGE_HTML =
  '<!doctype html><html><head><meta charset="utf-8"><title>中国移动网上营业厅</title></head>' +
  '<body><div id="app"></div></body></html>';

export interface LoginPageInput {
  /** Shown above the form after a failed attempt. */
  readonly error?: string;
  /** Kept in the phone field after a failed attempt. */
  readonly phone?: string;
}

/** The login form; it posts `phone` and `password` to `/webhall/login`. */
export function renderLoginPage(input: LoginPageInput = {}): string {
  const error =
    input.error === undefined ? '' : `    <p id="login-error" role="alert">${escapeHtml(input.error)}</p>\n`;
  return page(
    '登录',
    `    <h1>中国移动网上营业厅 · 登录</h1>
${error}    <form id="login-form" method="post" action="/webhall/login">
      <label for="phone">手机号码</label>
      <input id="phone" name="phone" inputmode="numeric" maxlength="11" value="${escapeHtml(input.phone ?? '')}" required>
      <label for="password">服务密码</label>
      <input id="password" name="password" type="password" maxlength="6" required>
      <button id="login-button" type="submit">登录</button>
    </form>`,
  );
}

export interface AccountPageInput {
  readonly subscriber: DemoSubscriber;
  /** `YYYY-MM` of the bill shown. */
  readonly month: string;
  readonly items: readonly BillItem[];
}

function formatYuan(fen: number): string {
  return `${toYuan(fen).toFixed(2)} 元`;
}

/** Masks the middle of a phone number, as halls print it: 139****0001. */
function maskPhone(phone: string): string {
  return `${phone.slice(0, 3)}****${phone.slice(7)}`;
}

/** The account overview a customer lands on after logging in: plan, balance and this month's bill. */
export function renderAccountPage(input: AccountPageInput): string {
  const { subscriber, month, items } = input;
  const rows = items
    .map(
      (item) => `          <tr><td>${escapeHtml(item.name)}</td><td>${formatYuan(item.amountFen)}</td></tr>`,
    )
    .join('\n');
  const totalFen = items.reduce((sum, item) => sum + item.amountFen, 0);
  return page(
    '我的账户',
    `    <h1>中国移动网上营业厅 · 我的账户</h1>
    <p id="greeting">您好，${maskPhone(subscriber.phone)}</p>
    <section id="account-summary">
      <h2>账户信息</h2>
      <p>当前套餐：<span id="plan-name">${escapeHtml(subscriber.planName)}</span></p>
      <p>账户余额：<span id="balance">${formatYuan(subscriber.balanceFen)}</span></p>
    </section>
    <section id="bill-summary">
      <h2>本月账单（${escapeHtml(month)}）</h2>
      <table>
        <tbody>
${rows}
        </tbody>
      </table>
      <p>合计：<strong id="bill-total">${formatYuan(totalFen)}</strong></p>
    </section>`,
  );
}
