/**
 * PGlite's WebAssembly stays on V8's baseline code: no function tiers up to the optimising compiler
 * (the filter names an index no function has). Why, with the measurements: src/cli/bin.ts, which sets
 * it for every `nem` command; the benchmarks' processes and the int and e2e test workers run with it too,
 * so that what they measure and exercise is what `nem` runs.
 */
export const BASELINE_WASM_ONLY = '--wasm-tier-up-filter=2147483647';
