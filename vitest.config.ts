import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // One test file per core (vitest's default leaves one core idle: a single worker on a 2-core machine).
    // Most e2e time is spent waiting on nem child processes, so this holds on a busy machine too.
    maxWorkers: availableParallelism(),
    // The JSON report lets .ci/run print a plain "N passed, N failed" line.
    reporters: ['default', ['json', { outputFile: 'test-output/vitest.json' }]],
    projects: [
      {
        test: {
          name: 'unit',
          include: ['src/**/*.test.ts', 'bench/**/*.test.ts', 'ui/src/**/*.test.ts'],
          exclude: ['**/*.int.test.ts', '**/*.e2e.test.ts'],
        },
      },
      {
        test: {
          name: 'int',
          include: ['src/**/*.int.test.ts', 'test/**/*.int.test.ts'],
          globalSetup: ['test/template-database.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['src/**/*.e2e.test.ts', 'test/**/*.e2e.test.ts', 'ui/e2e/**/*.e2e.test.ts'],
          globalSetup: ['test/template-database.ts'],
          testTimeout: 120_000,
          hookTimeout: 120_000,
          // expect.poll waits on a server or a browser: a second (vitest's default) is not enough on a busy machine.
          expect: { poll: { timeout: 30_000, interval: 100 } },
        },
      },
    ],
  },
});
