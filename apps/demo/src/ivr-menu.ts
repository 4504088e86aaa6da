/** One IVR menu node: what the caller hears and which key leads where. */
export interface IvrNode {
  readonly id: string;
  readonly prompt: string;
  readonly options: readonly IvrOption[];
  /** The call leaves the menu here (handed to an agent). */
  readonly isTransfer?: boolean;
}

export interface IvrOption {
  /** A DTMF key: 0–9, `*` or `#`. */
  readonly digit: string;
  readonly label: string;
  readonly next: string;
}

const BACK = (parent: string): IvrOption => ({ digit: '*', label: '返回上级', next: parent });

function leaf(id: string, prompt: string, parent: string): IvrNode {
  return { id, prompt, options: [BACK(parent)] };
}

/** The 10086 voice menu, trimmed to the branches the demo checks walk. */
export const IVR_MENU: ReadonlyMap<string, IvrNode> = new Map(
  [
    {
      id: 'root',
      prompt: '欢迎致电中国移动。话费查询请按1，缴费请按2，业务办理请按3，人工服务请按0。',
      options: [
        { digit: '1', label: '话费查询', next: 'billing' },
        { digit: '2', label: '缴费', next: 'payment' },
        { digit: '3', label: '业务办理', next: 'services' },
        { digit: '0', label: '人工服务', next: 'agent' },
      ],
    },
    {
      id: 'billing',
      prompt: '余额查询请按1，账单查询请按2，返回上级请按星号键。',
      options: [
        { digit: '1', label: '余额查询', next: 'balance' },
        { digit: '2', label: '账单查询', next: 'bill' },
        BACK('root'),
      ],
    },
    {
      id: 'payment',
      prompt: '银行卡缴费请按1，充值卡充值请按2，返回上级请按星号键。',
      options: [
        { digit: '1', label: '银行卡缴费', next: 'bank_card_payment' },
        { digit: '2', label: '充值卡充值', next: 'recharge_card' },
        BACK('root'),
      ],
    },
    {
      id: 'services',
      prompt: '套餐变更请按1，流量包办理请按2，返回上级请按星号键。',
      options: [
        { digit: '1', label: '套餐变更', next: 'plan_change' },
        { digit: '2', label: '流量包办理', next: 'data_pack' },
        BACK('root'),
      ],
    },
    { id: 'agent', prompt: '正在为您转接人工服务，请稍候。', options: [], isTransfer: true },
    leaf('balance', '您的话费余额将通过语音播报，返回上级请按星号键。', 'billing'),
    leaf('bill', '您的本月账单将通过短信发送，返回上级请按星号键。', 'billing'),
    leaf('bank_card_payment', '请输入银行卡号，以井号键结束。', 'payment'),
    leaf('recharge_card', '请输入充值卡密码，以井号键结束。', 'payment'),
    leaf('plan_change', '套餐变更请登录网上营业厅办理，返回上级请按星号键。', 'services'),
    leaf('data_pack', '流量包办理成功后将短信通知您，返回上级请按星号键。', 'services'),
  ].map((node): [string, IvrNode] => [node.id, node]),
);
