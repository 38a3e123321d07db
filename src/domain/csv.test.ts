import { describe, expect, it } from 'vitest';
import { csvField, csvLine } from './csv.js';

describe('CSV fields', () => {
  it('keeps numbers as numbers, quotes what needs quoting and defuses formulas', () => {
    expect(csvField('-1.25')).toBe('-1.25');
    expect(csvField('+.5')).toBe('+.5');
    expect(csvField('=1+2')).toBe("'=1+2");
    expect(csvField('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField(null)).toBe('');
    expect(csvLine(['E1', 3, null, 'x\ny'])).toBe('E1,3,,"x\ny"\r\n');
  });
});
