import { describe, expect, it } from 'vitest';
import { RECORD_250, RECORD_550 } from '../nem13/catalogue.js';
import { NEM13_FIELD_NAMES } from '../nem13/reader.js';
import { record250, record550 } from '../nem13/nem13.fixtures.js';
import {
  B2B_FIELD_KEYS,
  decodeReading,
  encodeReading,
  READING_FIELD_KEYS,
  readingFieldName,
  readingOfLines,
  storedReadingOfLines,
} from './reading-recorded.js';

describe('the ReadingRecorded codec', () => {
  it('stores the fields in the catalogue order, the order of the 250 and 550 lines', () => {
    expect(READING_FIELD_KEYS).toHaveLength(22);
    expect(B2B_FIELD_KEYS).toHaveLength(4);
    expect(READING_FIELD_KEYS.map(readingFieldName)).toEqual(NEM13_FIELD_NAMES['250'].slice(1));
    expect(RECORD_550.names).toEqual(NEM13_FIELD_NAMES['550']);
    expect(READING_FIELD_KEYS.map((key) => RECORD_250.at[key])).toEqual(READING_FIELD_KEYS.map((_, i) => i + 1));
  });

  it('decodes a line to named fields as sent, trimmed, and encodes them back to the same stored list', () => {
    const line = record250({ MeterSerialNumber: ' METSER123 ', CurrentQualityMethod: 'E64', CurrentReasonCode: '' });
    const stored = storedReadingOfLines(line, { line: 3, sourceText: record550() });
    const reading = decodeReading(stored);
    expect(reading.fields.meterSerialNumber).toBe('METSER123');
    expect(reading.fields.currentQuality).toBe('E64');
    expect(reading.fields.currentReasonCode).toBe('');
    expect(reading.fields.nmi).toBe(line.split(',')[1]);
    expect(reading.b2b?.line).toBe(3);
    expect(reading.b2b?.fields.previousTransactionCode).toBe(record550().split(',')[1]);
    expect(encodeReading(reading)).toEqual(stored);
    expect(readingOfLines(line, null)).toEqual({ ...reading, b2b: null });
  });

  it('gives every field of a short line, the missing ones empty', () => {
    const reading = readingOfLines('250,NMI0000001', null);
    expect(Object.keys(reading.fields)).toEqual(READING_FIELD_KEYS);
    expect(reading.fields.msatsLoadedAt).toBe('');
  });
});
