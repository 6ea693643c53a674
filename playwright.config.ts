import { defineConfig } from '@playwright/test';

/**
 * End-to-end tests of the renderer in Debian's Chromium, through the browser
 * host (a fresh one per test, see test/e2e/fixtures.ts). Run after
 * `npm run build:renderer` (`npm run test:e2e` does both).
 */
export default defineConfig({
  testDir: './test/e2e',
  testMatch: '**/*.spec.ts',
  outputDir: './test-results/playwright',
  // Generous: the host is a fresh process per test (tsx compiles the core), and CI machines may be busy.
  timeout: 120_000,
  expect: { timeout: 10_000 },
  fullyParallel: true,
  workers: process.env.CI ? 2 : undefined,
  retries: 0,
  // CI sums every suite's JSON report into one closing line (test/ci/summarize.mjs).
  reporter: process.env.KZ_TEST_REPORT_DIR
    ? [['list'], ['json', { outputFile: `${process.env.KZ_TEST_REPORT_DIR}/e2e.json` }]]
    : [['list']],
  use: {
    viewport: { width: 1366, height: 768 },
    locale: 'ru-RU',
    timezoneId: 'Europe/Moscow',
    // The app then drops MUI's transitions: a menu is in place when it opens, so a click never lands mid-animation.
    contextOptions: { reducedMotion: 'reduce' },
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--disable-quic',
        '--no-first-run',
      ],
    },
  },
  projects: [{ name: 'chromium', use: { browserName: 'chromium' } }],
});
