/** One IVR menu node: what the caller hears and which key leads where. */
export interface IvrNode {
  readonly id: string;
  /** The menu's name, as the option leading to it is labelled (话费查询); what a menu walk asserts on. */
  readonly title: string;
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

function leaf(node: { id: string; title: string; parent: string; prompt: string }): IvrNode {
  const { parent, ...rest } = node;
  return { ...rest, options: [BACK(parent)] };
}

/** The 10086 voice menu, trimmed to the branches the demo checks walk. */
export const IVR_MENU: ReadonlyMap<string, IvrNode> = new Map(
  [
    {
      id: 'root',
      title: '主菜单',
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
      title: '话费查询',
      prompt: '余额查询请按1，账单查询请按2，返回上级请按星号键。',
      options: [
        { digit: '1', label: '余额查询', next: 'balance' },
        { digit: '2', label: '账单查询', next: 'bill' },
        BACK('root'),
      ],
    },
    {
      id: 'payment',
      title: '缴费',
      prompt: '银行卡缴费请按1，充值卡充值请按2，返回上级请按星号键。',
      options: [
        { digit: '1', label: '银行卡缴费', next: 'bank_card_payment' },
        { digit: '2', label: '充值卡充值', next: 'recharge_card' },
        BACK('root'),
      ],
    },
    {
      id: 'services',
      title: '业务办理',
      prompt: '套餐变更请按1，流量包办理请按2，返回上级请按星号键。',
      options: [
        { digit: '1', label: '套餐变更', next: 'plan_change' },
        { digit: '2', label: '流量包办理', next: 'data_pack' },
        BACK('root'),
      ],
    },
    {
      id: 'agent',
      title: '人工服务',
      prompt: '正在为您转接人工服务，请稍候。',
      options: [],
      isTransfer: true,
    },
    leaf({
      id: 'balance',
      title: '余额查询',
      parent: 'billing',
      prompt: '您的话费余额将通过语音播报，返回上级请按星号键。',
    }),
    leaf({
      id: 'bill',
      title: '账单查询',
      parent: 'billing',
      prompt: '您的本月账单将通过短信发送，返回上级请按星号键。',
    }),
    leaf({
      id: 'bank_card_payment',
      title: '银行卡缴费',
      parent: 'payment',
      prompt: '请输入银行卡号，以井号键结束。',
    }),
    leaf({
      id: 'recharge_card',
      title: '充值卡充值',
      parent: 'payment',
      prompt: '请输入充值卡密码，以井号键结束。',
    }),
    leaf({
      id: 'plan_change',
      title: '套餐变更',
      parent: 'services',
      prompt: '套餐变更请登录网上营业厅办理，返回上级请按星号键。',
    }),
    leaf({
      id: 'data_pack',
      title: '流量包办理',
      parent: 'services',
      prompt: '流量包办理成功后将短信通知您，返回上级请按星号键。',
    }),
  ].map((node): [string, IvrNode] => [node.id, node]),
);
