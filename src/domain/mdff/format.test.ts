import { describe, expect, it } from 'vitest';
import { formatOfFileStart, formatOfFirstRecord } from './format.js';

describe('formatOfFirstRecord', () => {
  it.each([
    ['100,NEM12,200405011135,MDA1,Ret1', 'NEM12'],
    ['100,NEM13,200401101030,MDA1,Ret1', 'NEM13'],
    ['100, nem12 ,200405011135,MDA1,Ret1', 'NEM12'],
    ['100,NEM14,200401101030,MDA1,Ret1', null],
    ['100', null],
    ['200,VABD000163,E1Q1,1,E1,N1,METSER123,kWh,30,', 'NEM12'],
    ['300,20040201,1.111', 'NEM12'],
    ['250,VABC005890,11,1', 'NEM13'],
    ['550,N,,E,', 'NEM13'],
    ['900', null],
    ['# README', null],
    ['', null],
  ] as const)('%j is %s', (line, format) => {
    expect(formatOfFirstRecord(line)).toBe(format);
  });
});

describe('formatOfFileStart', () => {
  it('skips a byte order mark and blank lines, and reads a first line cut by the end of a chunk', () => {
    expect(formatOfFileStart('\uFEFF100,NEM12,2004')).toBe('NEM12');
    expect(formatOfFileStart('\r\n  \n200,NMI1234567,E1,,E1,N1,,kWh,5,\r\n')).toBe('NEM12');
    expect(formatOfFileStart('100,NEM13,200401101030,MDA1,Ret1\r\n250,')).toBe('NEM13');
    expect(formatOfFileStart('\n\n')).toBeNull();
    expect(formatOfFileStart('')).toBeNull();
  });
});
