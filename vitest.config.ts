import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';
import { BASELINE_WASM_ONLY } from './src/cli/v8-flags.js';

export default defineConfig({
  test: {
    // Two test files more than the machine has cores (vitest's default leaves one core idle: a single
    // worker on a 2-core machine). E2e files spend much of their time waiting on servers, browsers, a
    // stopped database and nem children: on our 2-core machines three workers took vitest from 561 s to
    // 510 s, and four took a clean .ci/run from 687 s to 592 s (docs/testing.md).
    maxWorkers: availableParallelism() + 2,
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
          // Files share their worker's modules and its compiled PGlite: each file opens, fills and closes
          // databases of its own, and no int test mocks or stubs anything. Half the time of isolated files
          // (110 s against 218 s for the project on our 2-core machines; docs/testing.md).
          isolate: false,
          // Like every `nem` command, PGlite stays on V8's baseline code (src/cli/v8-flags.ts): the
          // workers open many short-lived databases (`npm run test:int` 159 s -> 134 s, 245 -> 207 CPU-s).
          execArgv: [BASELINE_WASM_ONLY],
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['src/**/*.e2e.test.ts', 'test/**/*.e2e.test.ts', 'ui/e2e/**/*.e2e.test.ts'],
          globalSetup: ['test/template-database.ts'],
          // As for int: their children are their own, their in-process databases too.
          isolate: false,
          execArgv: [BASELINE_WASM_ONLY],
          testTimeout: 120_000,
          hookTimeout: 120_000,
          // expect.poll waits on a server or a browser: a second (vitest's default) is not enough on a busy machine.
          expect: { poll: { timeout: 30_000, interval: 100 } },
        },
      },
    ],
  },
});
