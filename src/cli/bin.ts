#!/usr/bin/env -S node --max-semi-space-size=8
// The flag caps V8's young generation, which otherwise grows with a long import's allocation rate and
// makes memory look as if it grew with the file (docs/adr/0003-reader-tokenizer-and-memory.md).
import { setFlagsFromString } from 'node:v8';
import { nodeVersionProblem } from './node-version.js';

// PGlite is 9 MB of WebAssembly. With V8's default tiering budget, the code postgres runs while it
// starts is queued for the optimising compiler, and Node waits for those jobs when the process exits:
// a short command on the embedded database took 3.2 s, 1.7 s of it after its work was done. With a
// budget 100 times larger, start-up stays on the baseline code and `nem files` takes 1.4 s, while an
// import's hot loops still get optimised (300,000 readings: 29.0 s against 30.0 s with the default).
// Set here, before PGlite compiles anything, so every way of starting nem gets it (docs/testing.md).
setFlagsFromString('--wasm-tiering-budget=1300000000');

// Before anything else is loaded: on an older Node.js the rest fails later, with a message about a
// missing built-in that tells a newcomer nothing.
const problem = nodeVersionProblem(process.versions.node);
if (problem !== null) {
  process.stderr.write(`${problem}\n`);
  process.exit(2);
}
const { run } = await import('./main.js');
process.exitCode = await run(process.argv.slice(2));
