#!/usr/bin/env -S node --max-semi-space-size=8
// The flag caps V8's young generation, which otherwise grows with a long import's allocation rate and
// makes memory look as if it grew with the file (docs/adr/0003-reader-tokenizer-and-memory.md).
import { nodeVersionProblem } from './node-version.js';

// Before anything else is loaded: on an older Node.js the rest fails later, with a message about a
// missing built-in that tells a newcomer nothing.
const problem = nodeVersionProblem(process.versions.node);
if (problem !== null) {
  process.stderr.write(`${problem}\n`);
  process.exit(2);
}
const { run } = await import('./main.js');
process.exitCode = await run(process.argv.slice(2));
