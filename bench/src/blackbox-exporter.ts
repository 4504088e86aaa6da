import { execFileSync, spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import http from 'node:http';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Where Debian's `prometheus-blackbox-exporter` package puts the binary. */
export const BLACKBOX_BINARY = '/usr/bin/prometheus-blackbox-exporter';

// The smallest module equivalent to a Ganzhi http step with defaults: GET, expect 2xx, IPv4, 5 s timeout.
const CONFIG_YAML = [
  'modules:',
  '  http_2xx:',
  '    prober: http',
  '    timeout: 5s',
  '    http:',
  '      preferred_ip_protocol: ip4',
  '',
].join('\n');

const READY_TIMEOUT_MS = 10_000;

/**
 * A blackbox exporter child on a free loopback port, probed over keep-alive connections so our side of each
 * `/probe` request costs as little as possible; only the exporter's own CPU (from /proc) is measured.
 */
export class BlackboxExporter {
  readonly #child: ChildProcess;
  readonly #baseUrl: string;
  readonly #configDir: string;
  readonly #agent: http.Agent;
  readonly #clockTicksPerSecond = readClockTicksPerSecond();
  #stderrTail = '';

  private constructor(child: ChildProcess, port: number, configDir: string) {
    this.#child = child;
    this.#baseUrl = `http://127.0.0.1:${port}`;
    this.#configDir = configDir;
    this.#agent = new http.Agent({ keepAlive: true });
    child.stderr?.on(
      'data',
      (chunk: Buffer) => (this.#stderrTail = (this.#stderrTail + chunk.toString()).slice(-2000)),
    );
  }

  /** Starts the exporter with a temporary config and resolves once it answers `/-/healthy`. */
  static async start(binary: string): Promise<BlackboxExporter> {
    const configDir = await mkdtemp(join(tmpdir(), 'ganzhi-bench-blackbox-'));
    const configFile = join(configDir, 'blackbox.yml');
    await writeFile(configFile, CONFIG_YAML);
    const port = await findFreePort();
    const args = [
      `--config.file=${configFile}`,
      `--web.listen-address=127.0.0.1:${port}`,
      '--log.level=warn',
    ];
    const child = spawn(binary, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    const exporter = new BlackboxExporter(child, port, configDir);
    try {
      await exporter.#waitUntilHealthy();
    } catch (error) {
      await exporter.stop();
      throw error;
    }
    return exporter;
  }

  get pid(): number | undefined {
    return this.#child.pid;
  }

  /** Asks the exporter to probe `targetUrl` once; true when it reports `probe_success 1`. */
  async probe(targetUrl: string): Promise<boolean> {
    const path = `/probe?module=http_2xx&target=${encodeURIComponent(targetUrl)}`;
    try {
      const { status, body } = await this.#get(path);
      return status === 200 && /^probe_success 1$/m.test(body);
    } catch {
      return false;
    }
  }

  /** User + system CPU seconds of the exporter process (all its threads), from /proc/<pid>/stat. */
  readCpuSeconds(): number {
    const stat = readFileSync(`/proc/${this.#child.pid}/stat`, 'utf8');
    // Fields after the parenthesised command name start at field 3 (state); utime and stime are fields 14 and 15.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / this.#clockTicksPerSecond;
  }

  async stop(): Promise<void> {
    this.#agent.destroy();
    if (this.#child.exitCode === null && this.#child.signalCode === null) {
      const exited = new Promise((resolve) => this.#child.once('exit', resolve));
      this.#child.kill('SIGTERM');
      const escalation = setTimeout(() => this.#child.kill('SIGKILL'), 2_000);
      await exited;
      clearTimeout(escalation);
    }
    await rm(this.#configDir, { recursive: true, force: true });
  }

  async #waitUntilHealthy(): Promise<void> {
    const deadlineMs = Date.now() + READY_TIMEOUT_MS;
    while (Date.now() < deadlineMs) {
      if (this.#child.exitCode !== null) break;
      const healthy = await this.#get('/-/healthy').then(
        (response) => response.status === 200,
        () => false,
      );
      if (healthy) return;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(`blackbox exporter did not become healthy: ${this.#stderrTail.trim() || 'no output'}`);
  }

  #get(path: string): Promise<{ status: number; body: string }> {
    return new Promise((resolve, reject) => {
      const request = http.get(`${this.#baseUrl}${path}`, { agent: this.#agent }, (response) => {
        let body = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (body += chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
        response.on('error', reject);
      });
      request.on('error', reject);
    });
  }
}

/** A loopback port that was free a moment ago (bound to port 0, then released). */
export async function findFreePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** USER_HZ, the unit of utime/stime in /proc; 100 on every common Linux build, asked of getconf when possible. */
function readClockTicksPerSecond(): number {
  try {
    const ticks = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim());
    return Number.isInteger(ticks) && ticks > 0 ? ticks : 100;
  } catch {
    return 100;
  }
}
