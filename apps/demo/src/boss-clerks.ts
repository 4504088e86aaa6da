import { randomUUID } from 'node:crypto';

/** A counter terminal registered with the CRM; the channel and region of every order placed on it follow from it. */
export interface ClerkTerminal {
  readonly terminalId: string;
  readonly hallName: string;
  /** Dimension code of the channel: an operator's own hall or a partner (agent) hall. */
  readonly channel: 'hall' | 'partner_hall';
  /** Dimension code of the city the hall is in. */
  readonly region: string;
}

export interface ClerkSession {
  readonly operatorId: string;
  readonly terminal: ClerkTerminal;
}

export interface ClerkSessions {
  /** A token for a registered terminal and the right password, else null. */
  login(input: { terminalId: string; operatorId: string; password: string }): string | null;
  find(token: string): ClerkSession | undefined;
}

/** Every demo clerk (any operator id) logs in with this password, so checks and docs can use it. */
export const DEMO_CLERK_PASSWORD = 'clerk-2025';

/** Business halls (营业厅, channel `hall`) and partner halls (合作厅, `partner_hall`) in four Hunan cities. */
export const DEMO_CLERK_TERMINALS: readonly ClerkTerminal[] = [
  { terminalId: 'CS-YYT-0001', hallName: '长沙五一广场营业厅', channel: 'hall', region: 'changsha' },
  { terminalId: 'XT-YYT-0002', hallName: '湘潭岳塘营业厅', channel: 'hall', region: 'xiangtan' },
  { terminalId: 'HY-HZT-0107', hallName: '衡阳蒸湘合作厅', channel: 'partner_hall', region: 'hengyang' },
  { terminalId: 'ZZ-HZT-0215', hallName: '株洲芦淞合作厅', channel: 'partner_hall', region: 'zhuzhou' },
];

/**
 * Clerk sessions for one back-end run, kept apart from customer sessions: a customer token never opens the CRM.
 *
 * @example createClerkSessions().login({ terminalId: 'CS-YYT-0001', operatorId: 'op1001', password: DEMO_CLERK_PASSWORD })
 */
export function createClerkSessions(): ClerkSessions {
  const terminals = new Map(DEMO_CLERK_TERMINALS.map((terminal) => [terminal.terminalId, terminal]));
  const sessions = new Map<string, ClerkSession>();
  return {
    login({ terminalId, operatorId, password }) {
      const terminal = terminals.get(terminalId);
      if (!terminal || password !== DEMO_CLERK_PASSWORD) return null;
      const token = randomUUID();
      sessions.set(token, { operatorId, terminal });
      return token;
    },
    find: (token) => sessions.get(token),
  };
}
