#!/usr/bin/env -S node --max-semi-space-size=8
// The flag caps V8's young generation, which otherwise grows with a long import's allocation rate and
// makes memory look as if it grew with the file (docs/adr/0003-reader-tokenizer-and-memory.md).
import { run } from './main.js';

process.exitCode = await run(process.argv.slice(2));
