import { appendFileSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { expect, it } from 'vitest';
import type { TransactionSeries } from '@ganzhi/contracts';
import { describeFleet, eventually } from './fleet.js';

/** A business-hall log writer: a few lines every 20 ms, every seventh a failure; counts what it wrote. */
class HallLogWriter {
  written = 0;
  failures = 0;
  #running = false;
  #loop: Promise<void> | undefined;

  constructor(readonly path: string) {}

  /** Appends as a writer holding the file open would, even to a file already renamed away. */
  append(path: string, lines: number): void {
    let text = '';
    for (let i = 0; i < lines; i++) {
      const seq = this.written++;
      const failed = seq % 7 === 3;
      if (failed) this.failures++;
      text += `ts=${Date.now()} biz=payment clerk=C${seq % 12} cost=${(0.2 + (seq % 50) / 10).toFixed(2)} ret=${failed ? 'E1023' : '0000'} seq=${seq}\n`;
    }
    appendFileSync(path, text);
  }

  start(): void {
    this.#running = true;
    this.#loop = (async () => {
      while (this.#running) {
        this.append(this.path, 5);
        await sleep(20);
      }
    })();
  }

  async stop(): Promise<void> {
    this.#running = false;
    await this.#loop;
  }
}

describeFleet('agent log tailing (real processes)', (fleet) => {
  it('counts every line exactly once across two rotations, a server outage and a kill -9', async () => {
    const f = fleet();
    await f.startServer();
    const logDir = join(f.root, 'hall-logs');
    mkdirSync(logDir);
    const log = join(logDir, 'crm-txn.log');
    writeFileSync(log, '');
    const tailConfig = join(f.root, 'tail.yaml');
    writeFileSync(
      tailConfig,
      `sources:
  - name: hall-crm
    path: ${log}
    format: logfmt
    fields: { time: ts, business: biz, clerkId: clerk, latencyMs: cost, outcome: ret }
    constants: { channel: hall, region: changsha }
    time: { format: epoch-ms }
    latencyUnit: s
    okValues: ['0000']
    startAt: beginning
`,
    );
    const env = { GANZHI_AGENT_TAIL_CONFIG: tailConfig };
    const from = new Date(Date.now() - 60_000).toISOString();
    let agent = await f.startAgent({
      name: 'hall-1',
      location: 'changsha',
      token: await f.enrolmentToken('changsha'),
      env,
    });
    const writer = new HallLogWriter(log);
    writer.start();
    await sleep(2000);

    await f.stopServer(); // from here on records wait in the outbox
    await sleep(1500);
    // Rotation 1 while the agent runs: rename, a few late lines into the renamed file, then a new file.
    renameSync(log, `${log}.1`);
    writer.append(`${log}.1`, 20);
    await sleep(1500);

    await agent.kill();
    await sleep(800);
    // Rotation 2 while the agent is dead (logrotate shifts .1 → .2, the live file → .1).
    renameSync(`${log}.1`, `${log}.2`);
    renameSync(log, `${log}.1`);
    writer.append(`${log}.1`, 10);
    await sleep(800);
    agent = await f.startAgent({ name: 'hall-1', location: 'changsha', env });
    await sleep(2000);

    await f.startServer();
    await sleep(1000);
    await writer.stop();
    const to = new Date(Date.now() + 60_000).toISOString();
    const totals = async () => {
      const series = await f.api<TransactionSeries>(
        'GET',
        `transactions/series?from=${from}&to=${to}&groupBy=channel`,
      );
      return series.totals;
    };
    let counted = 0;
    await eventually('every written line counted', 60_000, async () => {
      counted = (await totals()).count;
      return counted >= writer.written ? true : undefined;
    }).catch((error: unknown) => {
      const outbox = f.readOutbox('hall-1');
      throw new Error(
        `${(error as Error).message}: ${counted} of ${writer.written} counted (outbox ${outbox.integrity}); agent said:\n${agent.output().slice(-4000)}`,
      );
    });
    await sleep(3000); // anything counted twice would arrive by now
    const final = await totals();
    expect(writer.written).toBeGreaterThan(1000);
    expect(final.count).toBe(writer.written);
    expect(final.failures).toBe(writer.failures);
    await agent.stop();
  }, 180_000);
});
