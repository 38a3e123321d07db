import { InvalidArgumentError } from 'commander';
import { describe, expect, it } from 'vitest';
import { parseInstantOption } from './dates.js';

describe('parseInstantOption', () => {
  it('reads an instant as ISO 8601, as nem prints it, or as a flow file writes it (NEM time)', () => {
    const expected = Date.parse('2004-01-07T00:03:33Z');
    for (const typed of [
      '2004-01-07T10:03:33+10:00',
      '2004-01-07 10:03:33 +10:00',
      '20040107100333',
      '2004-01-07T00:03:33Z',
    ]) {
      expect(parseInstantOption(typed).getTime(), typed).toBe(expected);
    }
  });

  it('refuses a day alone, a time without an offset and a date that does not exist', () => {
    for (const typed of ['2004-01-07', '2004-01-07T10:03:33', '20040230100333', 'yesterday']) {
      expect(() => parseInstantOption(typed), typed).toThrow(InvalidArgumentError);
    }
  });
});
