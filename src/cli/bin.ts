#!/usr/bin/env -S node --max-semi-space-size=8
// The flag caps V8's young generation, which otherwise grows with a long import's allocation rate and
// makes memory look as if it grew with the file (docs/adr/0003-young-generation-cap.md).
import { setFlagsFromString } from 'node:v8';
import { nodeVersionProblem } from './node-version.js';
import { BASELINE_WASM_ONLY } from './v8-flags.js';

// PGlite is 9 MB of WebAssembly, first compiled by V8's baseline compiler (Liftoff); code that runs
// long enough is compiled again by the optimising one (TurboFan), in the background, and Node waits for
// those jobs when the process exits. Here that is all cost: one of postgres' functions, hot in every
// import, takes TurboFan 1.7 s and 600 MB, so a 10-reading import took 2.9 s and 650 MB, and takes
// 1.3 s and 174 MB on baseline code alone; a 300,000-reading import takes as long either way (33 to
// 36 s) in 480 MB instead of 930 MB, and `nem serve` answers a NMI's readings as fast (204 against 203
// requests/s, 10 connections, 300,000 readings) in 257 MB instead of 326 MB. So no function tiers up:
// the filter names an index no function has (`--liftoff-only` cannot be set at run time: it left
// dynamic tiering off and compiled everything). Set here, before PGlite compiles anything, so every
// way of starting nem gets it (docs/adr/0013).
setFlagsFromString(BASELINE_WASM_ONLY);

// Before anything else is loaded: on an older Node.js the rest fails later, with a message about a
// missing built-in that tells a newcomer nothing.
const problem = nodeVersionProblem(process.versions.node);
if (problem !== null) {
  process.stderr.write(`${problem}\n`);
  process.exit(2);
}
const { run } = await import('./main.js');
process.exitCode = await run(process.argv.slice(2));
