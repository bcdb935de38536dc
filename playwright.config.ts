import { resolve } from 'node:path';
import { defineConfig } from '@playwright/test';

/**
 * Browser tests against the running demo portal, in Debian's Chromium (never a downloaded
 * browser). `yarn test:e2e` starts the portal unless one is already running (locally), and a
 * second backend without guardrails on :7008 (app-config.e2e-no-guardrails.yaml).
 */
const yarn = 'node .yarn/releases/yarn-4.13.0.cjs';
// The demo's config, then the overlay that removes its guardrails and moves its port and data.
const noGuardrailsConfig = [
  'app-config.yaml',
  'app-config.e2e-no-guardrails.yaml',
]
  .map(file => `--config "${resolve(__dirname, file)}"`)
  .join(' ');

export default defineConfig({
  testDir: 'packages/app/e2e-tests',
  timeout: 120_000,
  expect: { timeout: 15_000 },
  forbidOnly: !!process.env.CI,
  retries: 0,
  workers: 1,
  reporter: [
    ['list'],
    ['html', { open: 'never', outputFolder: 'e2e-artifacts/report' }],
  ],
  outputDir: 'e2e-artifacts/results',
  webServer: [
    {
      command: `${yarn} workspace backend start`,
      url: 'http://localhost:7007/.backstage/health/v1/readiness',
      reuseExistingServer: !process.env.CI,
      timeout: 180_000,
    },
    {
      // The same backend without guardrails, for the first-day browser test (first-day.test.ts).
      name: 'Backend without guardrails',
      command: `${yarn} workspace backend start ${noGuardrailsConfig}`,
      url: 'http://localhost:7008/.backstage/health/v1/readiness',
      reuseExistingServer: !process.env.CI,
      timeout: 180_000,
    },
    {
      command: `${yarn} workspace app start`,
      url: 'http://localhost:3000',
      reuseExistingServer: !process.env.CI,
      timeout: 180_000,
    },
  ],
  use: {
    baseURL: 'http://localhost:3000',
    screenshot: 'only-on-failure',
    viewport: { width: 1440, height: 1000 },
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--headless',
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
  projects: [{ name: 'chromium' }],
});
