import { describe, expect, it } from 'vitest';
import { originalFileName } from './original-name.js';

describe('originalFileName', () => {
  it.each([
    [{ fileName: 'a.csv', container: 'plain', zipMember: null }, 'content', 'a.csv'],
    [{ fileName: 'a.CSV.GZ', container: 'gzip', zipMember: null }, 'content', 'a.CSV'],
    [{ fileName: 'a.zip', container: 'zip', zipMember: 'in/side/NEM13#1.csv' }, 'content', 'NEM13#1.csv'],
    [{ fileName: 'broken.gz', container: 'gzip', zipMember: null }, 'raw', 'broken.gz'],
    [{ fileName: 'x.zip', container: 'zip', zipMember: '../../\u202eetc' }, 'content', 'etc'],
    [{ fileName: 'x.zip', container: 'zip', zipMember: 'dir/..' }, 'content', 'original.csv'],
  ] as const)('names %o (%s) %s', (file, basis, expected) => {
    expect(originalFileName(file, basis)).toBe(expected);
  });
});
