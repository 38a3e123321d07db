/**
 * PGlite's WebAssembly stays on V8's baseline code: no function tiers up to the optimising compiler
 * (the filter names an index no function has). Why, with the measurements: src/cli/bin.ts, which sets
 * it for every `nem` command; the benchmarks' processes and the int and e2e test workers run with it too,
 * so that what they measure and exercise is what `nem` runs.
 */
export const BASELINE_WASM_ONLY = '--wasm-tier-up-filter=2147483647';

/**
 * V8's young generation capped at 8 MB: otherwise it grows with a long import's allocation rate, and
 * memory looks as if it grew with the file (docs/adr/0003-young-generation-cap.md). It must be on the
 * command line (the heap is sized before any code runs), so the places that start `nem` write it out:
 * the shebang of src/cli/bin.ts, the Dockerfile's CMD and package.json's start script; v8-flags.test.ts
 * keeps them equal to this.
 */
export const YOUNG_GENERATION_CAP = '--max-semi-space-size=8';
