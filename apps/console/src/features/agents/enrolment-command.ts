/** What `ganzhi agent` needs to enrol: where the server is, the one-time token and the agent's location. */
export interface EnrolmentCommandInput {
  /** The server as the agent host reaches it; the console's own origin is the best guess. */
  readonly serverOrigin: string;
  readonly token: string;
  readonly location: string;
}

/** Quotes a value for a POSIX shell unless it is made only of characters no shell treats specially. */
function quoteForShell(value: string): string {
  if (/^[A-Za-z0-9_@%+=:,./-]+$/.test(value)) return value;
  return `'${value.replaceAll("'", `'"'"'`)}'`;
}

/**
 * The command line that enrols an agent, ready to paste on the agent host.
 * @example enrolmentCommandOf({ serverOrigin: 'https://ganzhi.example', token: 'gz_et_x', location: 'changsha' })
 * // "ganzhi agent --server https://ganzhi.example --token gz_et_x --location changsha"
 */
export function enrolmentCommandOf(input: EnrolmentCommandInput): string {
  return [
    'ganzhi agent',
    `--server ${quoteForShell(input.serverOrigin)}`,
    `--token ${quoteForShell(input.token)}`,
    `--location ${quoteForShell(input.location)}`,
  ].join(' ');
}
