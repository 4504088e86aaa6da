import { startDemoBackend } from '@ganzhi/demo';
import { output } from '../cli-output.js';

/** `ganzhi demo`: only the simulated telecom back end, for probing from elsewhere. */
export async function demoCommand(options: { port?: string; host?: string }): Promise<void> {
  const demo = await startDemoBackend({
    port: Number(options.port ?? 8081),
    host: options.host ?? '127.0.0.1',
  });
  output.line(`Demo back end: ${demo.url}`);
  output.line(
    `Inject faults: curl -X POST ${demo.url}__demo/faults -H 'content-type: application/json' -d '{"errorRatio":0.2}'`,
  );
  const stop = () => void demo.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}
