import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readNem13 } from '../nem13/reader.js';
import { bytesOf, nem13File, record250, record550 } from '../nem13/nem13.fixtures.js';
import { readingRecorded } from './file-events.js';
import {
  canonicalJson,
  digestLine,
  StreamDigest,
  streamDigestOf,
  type DigestedEvent,
  type Sha256,
} from './stream-digest.js';

function sha256(): Sha256 {
  const hash = createHash('sha256');
  return { update: (text) => void hash.update(text, 'utf8'), hex: () => hash.digest('hex') };
}

const hexOf = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

/** Every object's keys in reverse order, at every depth: what a store may hand back (jsonb sorts keys its own way). */
function reordered(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reordered);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value)
        .reverse()
        .map(([key, member]) => [key, reordered(member)]),
    );
  }
  return value;
}

describe('canonical JSON', () => {
  it('sorts keys at every depth by code unit and writes no whitespace', () => {
    expect(canonicalJson({ b: 1, a: { d: [true, null, 'x'], c: -2.5 }, B: '', é: 0, Z: 1 })).toBe(
      '{"B":"","Z":1,"a":{"c":-2.5,"d":[true,null,"x"]},"b":1,"é":0}',
    );
  });

  it('spells strings and numbers as JSON does, escapes included', () => {
    expect(canonicalJson(['line\nbreak "quoted" \\ \u0001', 1e21, 0.1, -0, 5])).toBe(
      '["line\\nbreak \\"quoted\\" \\\\ \\u0001",1e+21,0.1,0,5]',
    );
  });

  it('spells every string, lone surrogates and controls included, as JSON.stringify does', () => {
    const codeUnit = fc.integer({ min: 0, max: 0xffff }).map((code) => String.fromCharCode(code));
    fc.assert(
      fc.property(fc.string({ unit: codeUnit }), (text) => {
        expect(canonicalJson(text)).toBe(JSON.stringify(text));
        expect(canonicalJson({ [text]: text })).toBe(`{${JSON.stringify(text)}:${JSON.stringify(text)}}`);
      }),
    );
    expect(canonicalJson(['\u2028', '\u007f', '😀', '\ud800'])).toBe(
      JSON.stringify(['\u2028', '\u007f', '😀', '\ud800']),
    );
  });

  it('leaves out undefined properties and writes undefined array items as null, as a JSON store gives them back', () => {
    expect(canonicalJson({ a: undefined, b: [undefined, 1] })).toBe('{"b":[null,1]}');
  });

  it('refuses what JSON cannot hold', () => {
    for (const value of [Number.NaN, Number.POSITIVE_INFINITY, 1n, () => 1, Symbol('s'), new Date(0)]) {
      expect(() => canonicalJson({ value })).toThrow(TypeError);
      expect(() => canonicalJson([value])).toThrow(TypeError);
    }
    expect(() => canonicalJson(undefined)).toThrow(TypeError);
  });

  it('is one text for a value whatever its key order, and survives a JSON round trip unchanged', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const text = canonicalJson(value);
        expect(canonicalJson(reordered(value))).toBe(text);
        expect(canonicalJson(JSON.parse(JSON.stringify(value)))).toBe(text);
        expect(canonicalJson(JSON.parse(text))).toBe(text);
      }),
    );
  });
});

describe('stream digest', () => {
  const events: DigestedEvent[] = [
    { id: '00000000-0000-8000-8000-000000000001', type: 'FileReceived', data: { fileId: 'f', size: 3 } },
    { id: '00000000-0000-8000-8000-000000000002', type: 'ReadingRecorded', data: { fields: ['1'], b2b: null } },
  ];

  it('is the SHA-256 of one canonical JSON line per event: [id, type, data]', () => {
    expect(digestLine(events[0]!)).toBe(
      '["00000000-0000-8000-8000-000000000001","FileReceived",{"fileId":"f","size":3}]\n',
    );
    const expected = hexOf(
      '["00000000-0000-8000-8000-000000000001","FileReceived",{"fileId":"f","size":3}]\n' +
        '["00000000-0000-8000-8000-000000000002","ReadingRecorded",{"b2b":null,"fields":["1"]}]\n',
    );
    expect(streamDigestOf(events, sha256())).toBe(expected);
    expect(streamDigestOf([], sha256())).toBe(hexOf(''));
  });

  it('is the same for the events as built and as a store gives them back', async () => {
    const items: DigestedEvent[] = [];
    for await (const item of readNem13(
      bytesOf(nem13File(record250(), record550(), record250({ NMI: 'VABC005891' }))),
    )) {
      if (item.kind === 'registerRead') items.push(readingRecorded('a'.repeat(64), item.read));
    }
    expect(items).toHaveLength(2);
    const stored = items.map((event) => ({ ...event, data: reordered(JSON.parse(JSON.stringify(event.data))) }));
    expect(streamDigestOf(stored, sha256())).toBe(streamDigestOf(items, sha256()));
  });

  it('changes when an event is edited, removed, added, moved, renamed or retyped', () => {
    const [first, second] = events as [DigestedEvent, DigestedEvent];
    const original = streamDigestOf(events, sha256());
    const variants: DigestedEvent[][] = [
      [first, { ...second, data: { fields: ['2'], b2b: null } }],
      [first, { ...second, data: { fields: ['1'], b2b: null, extra: true } }],
      [first],
      [first, second, second],
      [second, first],
      [first, { ...second, id: '00000000-0000-8000-8000-000000000003' }],
      [first, { ...second, type: 'FileImported' }],
    ];
    const digests = variants.map((variant) => streamDigestOf(variant, sha256()));
    expect(new Set([original, ...digests]).size).toBe(variants.length + 1);
  });

  it('counts what went in and takes nothing after it was read', () => {
    const digest = new StreamDigest(sha256());
    for (const event of events) digest.add(event);
    expect(digest.events).toBe(2);
    const value = digest.value();
    expect(digest.value()).toBe(value);
    expect(() => digest.add(events[0]!)).toThrow(/ended/);
  });
});
