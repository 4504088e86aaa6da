// CLI: the `ganzhi` command's sub-commands, importable for tests.
export { applyCommand } from './commands/apply-command.js';
export type { ApplyOptions } from './commands/apply-command.js';
