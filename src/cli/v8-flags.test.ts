import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { YOUNG_GENERATION_CAP } from './v8-flags.js';

const read = (path: string) => readFileSync(new URL(path, import.meta.url), 'utf8');

describe('the young generation cap', () => {
  it('is the flag every way of starting nem writes out', () => {
    expect(read('./bin.ts').split('\n')[0]).toBe(`#!/usr/bin/env -S node ${YOUNG_GENERATION_CAP}`);
    expect(read('../../Dockerfile')).toMatch(
      new RegExp(`^CMD \\["node", "${YOUNG_GENERATION_CAP}", "dist/src/cli/bin\\.js"`, 'm'),
    );
    const start = (JSON.parse(read('../../package.json')) as { scripts: Record<string, string> }).scripts.start;
    expect(start).toContain(`node ${YOUNG_GENERATION_CAP} dist/src/cli/bin.js start`);
  });
});
