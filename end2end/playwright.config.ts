import { defineConfig } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

// The config is evaluated in the runner and again in each worker; workers inherit the runner's
// environment, so the port and data folder are chosen once and shared through it.
if (!process.env.E2E_PORT) {
  const pickFreePort =
    "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})";
  process.env.E2E_PORT = execFileSync(process.execPath, ['-e', pickFreePort]).toString().trim();
}
if (!process.env.E2E_DATA_DIR) {
  process.env.E2E_DATA_DIR = mkdtempSync(path.join(tmpdir(), 'portal-e2e-'));
}

const root = path.resolve(__dirname, '..');
const baseURL = `http://127.0.0.1:${process.env.E2E_PORT}`;

export default defineConfig({
  testDir: './tests',
  fullyParallel: true,
  forbidOnly: true,
  retries: 0,
  workers: 2,
  timeout: 30_000,
  expect: { timeout: 10_000 },
  reporter: [['list'], ['json', { outputFile: process.env.E2E_JSON_REPORT ?? 'test-results/report.json' }]],
  use: {
    baseURL,
    trace: 'retain-on-failure',
    launchOptions: {
      // Debian's chromium: Playwright's own browser downloads are not reachable from our machines.
      executablePath: '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
  },
  projects: [
    { name: 'chromium', use: { browserName: 'chromium' }, testIgnore: /(phone|dashboard)\.spec\.ts/ },
    // A phone held upright (the narrowest common width), its pages laid out for it.
    {
      name: 'phone',
      testMatch: /phone\.spec\.ts/,
      use: { browserName: 'chromium', viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true },
    },
    // The partner's dashboard compares its figures with the pages the other tests change: it
    // runs once they have all finished.
    {
      name: 'dashboard',
      testMatch: /dashboard\.spec\.ts/,
      dependencies: ['chromium', 'phone'],
      use: { browserName: 'chromium' },
    },
  ],
  webServer: {
    // The release build `make test` has just made, on a fresh database.
    command: path.join(root, 'target', 'release', 'portal-server'),
    url: `${baseURL}/healthz`,
    reuseExistingServer: false,
    timeout: 60_000,
    stdout: 'ignore',
    stderr: 'pipe',
    env: {
      HOST: '127.0.0.1',
      PORT: process.env.E2E_PORT,
      DATABASE_URL: `sqlite://${process.env.E2E_DATA_DIR}/e2e.db`,
      DIST_DIR: path.join(root, 'dist'),
      PORTAL_DEMO_DATA: 'true',
      RUST_LOG: 'warn',
    },
  },
});
