import { spawn } from 'node:child_process';
import * as net from 'node:net';
import { VNU_JAR } from './tests/fixtures/vnu';

/** A port free now on the loopback interface. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/**
 * Starts the W3C Nu Html Checker once, as a local HTTP service, for every
 * test that checks pages (`tests/fixtures/vnu.ts`): a Java start and the
 * schemas' loading once per run instead of once per check. Its address goes
 * to the workers in CONSULTA_VNU_URL; the returned function stops it.
 */
export default async function globalSetup() {
  const port = await freePort();
  // The JIT's first tier only: the optimising compiler took most of the
  // checker's CPU for the few documents a run sends; that tier's frames
  // are larger, so the schema's recursion needs a larger stack.
  const vnu = spawn(
    'java',
    [
      '-XX:TieredStopAtLevel=1',
      '-Xss64m',
      '-Dnu.validator.servlet.bind-address=127.0.0.1',
      '-cp',
      VNU_JAR,
      'nu.validator.servlet.Main',
      String(port),
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let log = '';
  vnu.stderr.on('data', (d) => (log += d));
  const url = `http://127.0.0.1:${port}/`;
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (vnu.exitCode !== null) throw new Error(`the HTML checker stopped (exit ${vnu.exitCode}):\n${log}`);
    try {
      if ((await fetch(url)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      vnu.kill();
      throw new Error(`the HTML checker did not answer at ${url} within 120 s:\n${log}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  process.env.CONSULTA_VNU_URL = url;
  return async () => {
    vnu.kill();
  };
}
