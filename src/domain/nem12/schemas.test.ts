import { describe, expect, it } from 'vitest';
import { bytesOf, nem12File, record200, record300, record400, record500 } from './nem12.fixtures.js';
import { readNem12 } from './reader.js';
import { IntervalDaySchema, Nem12HeaderSchema, Nem12ProblemSchema } from './schemas.js';

describe('NEM12 schemas', () => {
  it('accept what the reader yields, and refuse a float or a short day', async () => {
    const text = nem12File(
      record200(),
      record300({ QualityMethod: 'V', IntervalValue1: '.5' }),
      record400(),
      record500(),
      record300({ IntervalDate: 'x' }),
    );
    let days = 0;
    for await (const item of readNem12(bytesOf(text))) {
      if (item.kind === 'header') expect(Nem12HeaderSchema.parse(item.header)).toEqual(item.header);
      if (item.kind === 'intervalDay') {
        days++;
        expect(IntervalDaySchema.parse(item.day)).toEqual(item.day);
        expect(IntervalDaySchema.safeParse({ ...item.day, values: item.day.values.slice(1) }).success).toBe(false);
        expect(IntervalDaySchema.safeParse({ ...item.day, values: ['1e3', ...item.day.values.slice(1)] }).success).toBe(
          false,
        );
      }
      if (item.kind === 'summary') {
        expect(item.summary.errors).toHaveLength(1);
        for (const problem of item.summary.errors) expect(Nem12ProblemSchema.parse(problem)).toEqual(problem);
      }
    }
    expect(days).toBe(1);
  });
});
