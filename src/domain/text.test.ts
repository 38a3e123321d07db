import { describe, expect, it } from 'vitest';
import { escapeUnsafeCharacters, hasUnsafeCharacters, recordedFileName, withoutUnsafeCharacters } from './text.js';

describe('unsafe characters', () => {
  it.each([
    ['NUL', 'a\u0000b'],
    ['escape', 'a\u001bb'],
    ['DEL', 'a\u007fb'],
    ['C1 control', 'a\u0085b'],
    ['CSI (C1)', 'a\u009bb'],
    ['line separator', 'a\u2028b'],
    ['paragraph separator', 'a\u2029b'],
    ['right-to-left override', 'a\u202eb'],
    ['left-to-right isolate', 'a\u2066b'],
    ['right-to-left mark', 'a\u200fb'],
  ])('finds and removes a %s', (_name, text) => {
    expect(hasUnsafeCharacters(text)).toBe(true);
    expect(withoutUnsafeCharacters(text)).toBe('ab');
    expect(escapeUnsafeCharacters(text)).toMatch(/^a\\u\{[0-9a-f]+\}/);
  });

  it('keeps ordinary text, accents, CJK and emoji', () => {
    for (const text of ['NEM13#0001#MDP#RET.csv', 'Réseau énergie.csv', '電力.csv', 'meter ⚡.csv']) {
      expect(hasUnsafeCharacters(text)).toBe(false);
      expect(withoutUnsafeCharacters(text)).toBe(text);
    }
  });
});

describe('recordedFileName', () => {
  it('keeps the last path segment, without unsafe characters, at most 255 characters', () => {
    expect(recordedFileName('C:\\Users\\me\\reads.csv', 'upload')).toBe('reads.csv');
    expect(recordedFileName('../../etc/passwd', 'upload')).toBe('passwd');
    expect(recordedFileName('invoice\u202Ecsv.exe', 'upload')).toBe('invoicecsv.exe');
    expect(recordedFileName('a\u2028b\u0085c.csv', 'upload')).toBe('abc.csv');
    expect(recordedFileName('x'.repeat(300), 'upload')).toHaveLength(255);
    expect(recordedFileName('..', 'upload')).toBe('upload');
    expect(recordedFileName('\u0000\u202e', 'upload')).toBe('upload');
    expect(recordedFileName(undefined, 'upload')).toBe('upload');
  });
});
