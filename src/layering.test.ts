// What dependency-cruiser cannot see, since it follows imports: where the events table is queried, and
// where a stored event's fields are read by position. Both have one home.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = join(import.meta.dirname);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [path] : [];
  });
}

const files = sourceFiles(SRC).map((path) => ({ path: relative(SRC, path), text: readFileSync(path, 'utf8') }));

describe('one home for each fact about stored events', () => {
  it('queries the events tables only in the PostgreSQL event store and the migrations', () => {
    const querying = files.filter((file) => /\bnem_(events|streams)\b/.test(file.text)).map((file) => file.path);
    expect(querying.sort()).toEqual([
      'infrastructure/db/migrations.ts',
      'infrastructure/event-store/postgres/postgres-event-store.ts',
    ]);
  });

  it("reads a stored reading's fields by position only in its codec", () => {
    const positional = /->\s*'fields'|data\.fields\[|\.fields\[\d/;
    const reading = files.filter((file) => positional.test(file.text)).map((file) => file.path);
    expect(reading).toEqual([]);
  });
});
