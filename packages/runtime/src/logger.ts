import { pino, type Logger, type LevelWithSilent } from 'pino';

export type { Logger } from 'pino';

export interface LoggerOptions {
  readonly level: LevelWithSilent;
  readonly name?: string;
}

/** The one way to make a logger: JSON lines to stdout, secrets and credentials redacted by path. */
export function createLogger(options: LoggerOptions): Logger {
  return pino({
    name: options.name ?? 'ganzhi',
    level: options.level,
    redact: {
      paths: [
        'password',
        '*.password',
        'token',
        '*.token',
        'req.headers.authorization',
        'req.headers.cookie',
      ],
      censor: '[redacted]',
    },
  });
}

/** A logger that drops everything, for tests that do not assert on logs. */
export function createSilentLogger(): Logger {
  return pino({ level: 'silent' });
}
