// End-to-end tests: browser mode in Debian's Chromium (never a downloaded browser), and an
// Electron smoke test that runs only where the Electron binary exists.
import { dirname } from 'node:path';
import { defineConfig } from '@playwright/test';
import { E2E_BASE_URL, E2E_LAB_FILE, E2E_PORT, E2E_TDS_PASSWORD, E2E_TDS_PORT, E2E_TOKEN } from './e2e/env';

export default defineConfig({
  testDir: 'e2e',
  // Its own folder: Playwright empties outputDir, and test-results/ holds other reports too.
  outputDir: 'test-results/playwright',
  fullyParallel: false,
  workers: 1,
  timeout: 30_000,
  expect: { timeout: 10_000 },
  forbidOnly: !!process.env.CI,
  reporter: 'list',
  webServer: {
    // --tds: the lab is also a SQL Server on the wire (e2e/realMaster.spec.ts connects to it as one).
    // The folder starts empty: the lab file, saved connections and the audit log of an earlier run
    // (tests count audit entries) are throwaway.
    command: `node -e "require('node:fs').rmSync(process.argv[1], { recursive: true, force: true })" ${dirname(E2E_LAB_FILE)} && npm run web -- --port ${E2E_PORT} --token ${E2E_TOKEN} --fresh --lab ${E2E_LAB_FILE} --tds ${E2E_TDS_PORT} --tds-password ${E2E_TDS_PASSWORD}`,
    url: `${E2E_BASE_URL}/`,
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: 'pipe',
    stderr: 'pipe',
    gracefulShutdown: { signal: 'SIGTERM', timeout: 5_000 },
  },
  projects: [
    {
      name: 'browser',
      testMatch: /\.spec\.ts$/,
      testIgnore: /electron\.spec\.ts$/,
      use: {
        browserName: 'chromium',
        baseURL: E2E_BASE_URL,
        // The UI follows the browser's language (issue 6): English unless a test asks for another.
        locale: 'en-US',
        launchOptions: {
          executablePath: process.env.MSX_CHROMIUM ?? '/usr/bin/chromium',
          args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
        },
        screenshot: 'only-on-failure',
        trace: 'retain-on-failure',
      },
    },
    { name: 'electron', testMatch: /electron\.spec\.ts$/ },
  ],
});
