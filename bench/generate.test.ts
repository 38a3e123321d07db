import { describe, expect, it } from 'vitest';
import { Decimal } from '../src/domain/decimal.js';
import { readNem12Batches } from '../src/domain/nem12/reader.js';
import { readNem13Batches } from '../src/domain/nem13/reader.js';
import { generateNem12Lines, generateNem13Lines } from './generate.js';

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

describe('generated NEM12 files', () => {
  const options = { nmis: 20, days: 30, channels: 2, seed: 5 };

  it('read back valid, every interval day with the exact value sum, LF and CRLF', async () => {
    let expectedSum = Decimal.ZERO;
    for (const line of generateNem12Lines(options)) {
      if (line.startsWith('300,')) {
        for (const value of line.split(',').slice(2, 50)) expectedSum = expectedSum.add(Decimal.parse(value));
      }
    }
    for (const eol of ['\n', '\r\n']) {
      let sum = Decimal.ZERO;
      let days = 0;
      let variableDays = 0;
      let summary;
      for await (const batch of readNem12Batches(bytes(generateNem12Lines(options), eol))) {
        for (const item of batch) {
          if (item.kind === 'intervalDay') {
            days++;
            if (item.day.quality.flag === 'V') variableDays++;
            for (const value of item.day.values) sum = sum.add(Decimal.parse(value));
          } else if (item.kind === 'summary') summary = item.summary;
        }
      }
      expect(summary).toMatchObject({
        valid: true,
        warningCount: 0,
        counts: { channels: 40, intervalDays: 1200, intervalEvents: 240 },
      });
      expect(days).toBe(1200);
      expect(variableDays).toBe(120);
      expect(sum.toString()).toBe(expectedSum.toString());
    }
  }, 60_000);

  it('is deterministic for a seed', () => {
    const first = [...generateNem12Lines({ nmis: 3, days: 2, seed: 9 })];
    expect([...generateNem12Lines({ nmis: 3, days: 2, seed: 9 })]).toEqual(first);
    expect([...generateNem12Lines({ nmis: 3, days: 2, seed: 10 })]).not.toEqual(first);
    expect(first).toHaveLength(1 + 3 * 2 * (1 + 2) + 1);
  });
});
