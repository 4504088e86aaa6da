import { toYuan, type DemoAccounts, type DemoSubscriber } from './demo-accounts.js';
import { errorReply, jsonReply, type DemoReply } from './demo-reply.js';
import { formatMonth, isRecord, parsePhone } from './request-fields.js';
import type { DemoRequest, DemoRoute } from './route-table.js';

export interface SmsHallDeps {
  readonly accounts: DemoAccounts;
  /** Epoch ms; CXZD answers the current month's bill. */
  readonly now: () => number;
}

const SIGNATURE = '【中国移动】';
const HELP_TEXT = `您好！回复 CXYE 查询余额，CXZD 查询本月账单，CXTC 查询套餐。${SIGNATURE}`;

type SmsCommand = 'CXYE' | 'CXZD' | 'CXTC';

function isSmsCommand(text: string): text is SmsCommand {
  return text === 'CXYE' || text === 'CXZD' || text === 'CXTC';
}

function replyTo(deps: SmsHallDeps, subscriber: DemoSubscriber, command: SmsCommand): string {
  switch (command) {
    case 'CXYE':
      return `尊敬的客户，您好！您的账户余额为${toYuan(subscriber.balanceFen).toFixed(2)}元。${SIGNATURE}`;
    case 'CXZD': {
      const month = formatMonth(deps.now());
      const items = deps.accounts.billItems({ phone: subscriber.phone, month }) ?? [];
      const totalFen = items.reduce((sum, item) => sum + item.amountFen, 0);
      return `尊敬的客户，您${month}月账单合计${toYuan(totalFen).toFixed(2)}元。${SIGNATURE}`;
    }
    case 'CXTC':
      return `尊敬的客户，您当前的套餐为${subscriber.planName}。${SIGNATURE}`;
  }
}

function handleCommand(deps: SmsHallDeps, request: DemoRequest): DemoReply {
  const body = isRecord(request.body) ? request.body : {};
  const from = parsePhone(body.from);
  if (from === null) return errorReply(400, 'VALIDATION', 'from must be an 11-digit mobile number');
  if (typeof body.text !== 'string') return errorReply(400, 'VALIDATION', 'text is required');
  // Customers type commands in any case and with stray spaces; the SMS gateway normalises them the same way.
  const text = body.text.trim().toUpperCase();
  const subscriber = deps.accounts.find(from);
  if (!subscriber)
    return jsonReply({ command: null, reply: `您的号码不是本网用户，无法办理此业务。${SIGNATURE}` });
  if (!isSmsCommand(text)) return jsonReply({ command: 'HELP', reply: HELP_TEXT });
  return jsonReply({ command: text, reply: replyTo(deps, subscriber, text) });
}

/**
 * The SMS hall (短厅): a customer texts a command to 10086 and gets a reply; the demo exposes the gateway's
 * command API. Unknown commands get the help text, as the real SMS hall does.
 *
 * @example POST /api/smshall/command { "from": "13907310001", "text": "CXYE" } → { reply: "…余额为128.50元…" }
 */
export function createSmsHallRoutes(deps: SmsHallDeps): DemoRoute[] {
  return [
    {
      method: 'POST',
      path: '/api/smshall/command',
      kind: 'query',
      baseLatencyMs: 50,
      handle: (request) => handleCommand(deps, request),
    },
  ];
}
