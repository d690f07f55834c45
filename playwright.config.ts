import { defineConfig } from '@playwright/test';

/**
 * Browser tests run in Debian's Chromium (installed by `./run test` when missing); Playwright
 * never downloads a browser build. Locally the portal is started for the tests unless one is
 * already running; CI always starts a fresh one.
 */
const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export default defineConfig({
  testDir: './e2e-tests',
  timeout: 60_000,
  expect: { timeout: 30_000 },

  webServer: [
    {
      command: 'yarn start app',
      url: 'http://localhost:3000',
      reuseExistingServer: !process.env.CI,
      timeout: 300_000,
      stdout: 'ignore',
      stderr: 'pipe',
    },
    {
      // The demo clusters, then the backend evaluating them (scripts/e2e-backend.sh).
      command: 'scripts/e2e-backend.sh',
      url: 'http://localhost:7007/.backstage/health/v1/readiness',
      reuseExistingServer: !process.env.CI,
      timeout: 600_000,
      gracefulShutdown: { signal: 'SIGTERM', timeout: 60_000 },
      stdout: 'ignore',
      stderr: 'pipe',
    },
  ],

  forbidOnly: !!process.env.CI,
  retries: process.env.CI ? 1 : 0,
  workers: 1,
  reporter: [
    ['list'],
    ['html', { open: 'never', outputFolder: 'e2e-test-report' }],
  ],

  use: {
    baseURL: process.env.PLAYWRIGHT_URL ?? 'http://localhost:3000',
    screenshot: 'only-on-failure',
    viewport: { width: 1440, height: 900 },
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: chromium,
      // Root in CI needs --no-sandbox; the rest keeps Chromium off the network it cannot reach.
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },

  outputDir: 'node_modules/.cache/e2e-test-results',
  projects: [{ name: 'chromium' }],
});
