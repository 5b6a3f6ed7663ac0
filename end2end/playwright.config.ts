import { defineConfig } from '@playwright/test';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

// The server under test: the binary built by scripts/test.sh, on a fresh
// SQLite database, with demo accounts whose password the tests know.
const port = Number(process.env.E2E_PORT ?? 3100);
const baseURL = `http://127.0.0.1:${port}`;
const root = path.resolve(__dirname, '..');
const targetDir = process.env.CARGO_TARGET_DIR ?? path.join(root, 'target');
const serverBin = process.env.CONSULTA_SERVER_BIN ?? path.join(targetDir, 'debug', 'server');
const siteRoot = process.env.LEPTOS_SITE_ROOT ?? path.join(root, 'target', 'site');
// The config is evaluated again in each test worker: keep the runner's directory.
const dataDir =
  process.env.CONSULTA_E2E_DATA ?? fs.mkdtempSync(path.join(os.tmpdir(), 'consulta-e2e-'));
process.env.CONSULTA_E2E_DATA = dataDir;
/** Where the server writes the e-mails it sends (`.eml` files), for the tests to open. */
export const OUTBOX = path.join(dataDir, 'outbox');
process.env.CONSULTA_E2E_OUTBOX = OUTBOX;

export const DEMO_PASSWORD = 'e2e-demo-password';

export default defineConfig({
  testDir: './tests',
  // The HTML checker, started once as a local service (global-setup.ts).
  globalSetup: './global-setup.ts',
  outputDir: './test-results',
  timeout: 60_000,
  // Two workers (E2E_WORKERS to change): four, with the tests of a file
  // side by side, made the test command slower on two cores (305 s instead
  // of 279 s after a one-line change), the machine already full.
  fullyParallel: false,
  workers: Number(process.env.E2E_WORKERS ?? 2),
  retries: 0,
  reporter: [['list']],
  use: {
    baseURL,
    // No trace by default: recording one (a screencast and DOM snapshots of
    // every action) took a tenth of the browser's and the runner's CPU, kept
    // only for failures. E2E_TRACE=retain-on-failure (or on) records them.
    trace: (process.env.E2E_TRACE ?? 'off') as 'off' | 'on' | 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      // Debian's Chromium (CHROMIUM_PATH to choose another), through a
      // script that merges the feature switches (chromium.sh).
      executablePath: path.join(__dirname, 'chromium.sh'),
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        // Chromium's own toolbar pages (the address bar's suggestion popups,
        // chrome://omnibox-popup.top-chrome): made in a renderer of their
        // own for every window, that is for every browser context a test
        // opens, though a headless browser never shows them. They took a
        // third of the renderers' CPU.
        '--disable-features=WebUIOmniboxPopup,WebUIOmniboxAimPopup',
      ],
    },
  },
  webServer: {
    command: serverBin,
    url: `${baseURL}/healthz`,
    reuseExistingServer: false,
    timeout: 60_000,
    stdout: 'pipe',
    stderr: 'pipe',
    env: {
      DATABASE_URL: `sqlite://${dataDir}/e2e.db`,
      LEPTOS_SITE_ADDR: `127.0.0.1:${port}`,
      LEPTOS_SITE_ROOT: siteRoot,
      CONSULTA_DEMO: 'true',
      CONSULTA_DEMO_PASSWORD: DEMO_PASSWORD,
      // A test server: argon2 at its lowest cost (the server warns so).
      CONSULTA_PASSWORD_COST: 'test',
      MAIL_URL: `file://${OUTBOX}`,
      RUST_LOG: 'warn',
    },
  },
});
