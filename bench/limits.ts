import type { FlowFileLimits } from '../src/application/flow-file.js';

/** Benchmarks read generated files far below any limit; the product's default applies. */
export const BENCH_LIMITS: FlowFileLimits = { maxContentBytes: 1024 * 1024 * 1024 };
