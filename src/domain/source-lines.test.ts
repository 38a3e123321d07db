import { describe, expect, it } from 'vitest';
import { MAX_SOURCE_LINE_BYTES, sourceLines } from './source-lines.js';

async function* chunks(text: string | Uint8Array, size: number): AsyncGenerator<Uint8Array> {
  const bytes = typeof text === 'string' ? new TextEncoder().encode(text) : text;
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

const FILE = '\ufeff100,NEM13,200401101030,MDA1,Ret1\r\n250,VDEF005890,1141\r\n\r\n550,N,,E,\r\n900';

describe('sourceLines', () => {
  it.each([1, 3, 7, 1024])('finds the lines asked for, whatever the chunk size (%i bytes)', async (size) => {
    const lines = await sourceLines(chunks(FILE, size), [5, 2, 3, 1]);
    expect(lines.map((l) => [l.number, l.text])).toEqual([
      [1, '100,NEM13,200401101030,MDA1,Ret1'],
      [2, '250,VDEF005890,1141'],
      [3, ''],
      [5, '900'],
    ]);
  });

  it('names the fields of the record types the reader knows', async () => {
    const lines = await sourceLines(chunks(FILE, 64), [2, 3, 4]);
    expect(lines[0]?.fieldNames?.slice(0, 3)).toEqual(['RecordIndicator', 'NMI', 'NMIConfiguration']);
    expect(lines[1]?.fieldNames).toBeNull();
    expect(lines[2]?.fieldNames).toEqual([
      'RecordIndicator',
      'PreviousTransCode',
      'PreviousRetServiceOrder',
      'CurrentTransCode',
      'CurrentRetServiceOrder',
    ]);
  });

  it('names the fields of NEM12 records, a 300 by the number of its values', async () => {
    const day = ['300', '20040417', ...Array.from({ length: 48 }, () => '1.5'), 'A', '', '', '20040418203500', ''];
    const file = `100,NEM12,200404201300,MDA1,Ret1\n200,CCCC123456,E1,001,E1,N1,METSER123,kWh,30,\n${day.join(',')}\n400,1,48,A,,\n300,20040418,1,2\n900`;
    const lines = await sourceLines(chunks(file, 16), [2, 3, 4, 5]);
    expect(lines[0]?.fieldNames?.slice(0, 3)).toEqual(['RecordIndicator', 'NMI', 'NMIConfiguration']);
    expect(lines[1]?.fieldNames).toHaveLength(55);
    expect(lines[1]?.fieldNames?.slice(1, 3)).toEqual(['IntervalDate', 'IntervalValue1']);
    expect(lines[1]?.fieldNames?.at(-1)).toBe('MSATSLoadDateTime');
    expect(lines[2]?.fieldNames?.slice(1, 3)).toEqual(['StartInterval', 'EndInterval']);
    expect(lines[3]?.fieldNames).toBeNull();
  });

  it('leaves out numbers past the end: a final line feed starts no line', async () => {
    expect((await sourceLines(chunks('100\n900\n', 4), [2, 3, 99])).map((l) => l.number)).toEqual([2]);
    expect(await sourceLines(chunks('', 4), [1])).toEqual([]);
    expect(await sourceLines(chunks('100', 4), [0, -1, 1.5])).toEqual([]);
  });

  it('stops reading after the last line asked for', async () => {
    let chunksRead = 0;
    async function* endless(): AsyncGenerator<Uint8Array> {
      for (;;) {
        chunksRead++;
        yield new TextEncoder().encode('250,x\n');
      }
    }
    expect((await sourceLines(endless(), [3]))[0]?.text).toBe('250,x');
    expect(chunksRead).toBe(3);
  });

  it('cuts an over-long line and says so, holding no more of it', async () => {
    const long = `250,${'9'.repeat(MAX_SOURCE_LINE_BYTES * 10)}`;
    const [line] = await sourceLines(chunks(`100\n${long}\n900`, 1000), [2]);
    expect(line?.truncated).toBe(true);
    expect(line?.text.length).toBe(MAX_SOURCE_LINE_BYTES);
  });

  it('shows control and direction characters and bad UTF-8 visibly instead of passing them on', async () => {
    const bytes = new Uint8Array([...new TextEncoder().encode('250,a\u0000b\u202e,'), 0xff, 0x0a]);
    const [line] = await sourceLines(chunks(bytes, 3), [1]);
    expect(line?.text).toBe('250,a\\u{0}b\\u{202e},\ufffd');
  });
});
