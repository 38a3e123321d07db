import { describe, expect, it } from 'vitest';
import { Decimal } from '../src/domain/decimal.js';
import { readNem13Batches } from '../src/domain/nem13/reader.js';
import { generateNem13Lines } from './generate.js';

async function* bytes(lines: Iterable<string>, eol: string): AsyncGenerator<Uint8Array> {
  const encoder = new TextEncoder();
  let buffer = '';
  for (const line of lines) {
    buffer += line + eol;
    if (buffer.length > 60_000) {
      yield encoder.encode(buffer);
      buffer = '';
    }
  }
  yield encoder.encode(buffer);
}

describe('generated large files', () => {
  it('read back 20,000 valid records with the exact quantity sum, LF and CRLF', async () => {
    for (const eol of ['\n', '\r\n']) {
      let expectedSum = Decimal.ZERO;
      for (const line of generateNem13Lines(20_000, { seed: 3 })) {
        if (line.startsWith('250,')) expectedSum = expectedSum.add(Decimal.parse(line.split(',')[18] ?? ''));
      }
      let sum = Decimal.ZERO;
      let reads = 0;
      let summary;
      for await (const batch of readNem13Batches(bytes(generateNem13Lines(20_000, { seed: 3 }), eol))) {
        for (const item of batch) {
          if (item.kind === 'registerRead') {
            reads++;
            sum = sum.add(Decimal.parse(item.read.quantity.value));
          } else if (item.kind === 'summary') summary = item.summary;
        }
      }
      expect(summary).toMatchObject({ valid: true, warningCount: 0, counts: { registerReads: 20_000 } });
      expect(reads).toBe(20_000);
      expect(sum.toString()).toBe(expectedSum.toString());
    }
  }, 60_000);

  it('is deterministic for a seed', () => {
    const first = [...generateNem13Lines(50, { seed: 9 })];
    expect([...generateNem13Lines(50, { seed: 9 })]).toEqual(first);
    expect([...generateNem13Lines(50, { seed: 10 })]).not.toEqual(first);
  });
});
