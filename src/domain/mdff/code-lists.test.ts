import { describe, expect, it } from 'vitest';
import {
  CURRENT_REASON_CODES,
  qualityMethodMeaning,
  REASON_CODE_DESCRIPTIONS,
  reasonCodeMeaning,
} from './code-lists.js';

describe('code meanings', () => {
  it('gives a quality flag with its method in words', () => {
    expect(qualityMethodMeaning('A')).toBe('Actual reading');
    expect(qualityMethodMeaning('E62')).toBe('Forward estimate, method 62, previous read');
    expect(qualityMethodMeaning('S62')).toBe('Substituted, method 62, previous read');
    expect(qualityMethodMeaning('F61')).toBe('Final substitute, method 61, previous year');
    expect(qualityMethodMeaning('S52')).toBe('Substituted, method 52 (manually read interval meters)');
    expect(qualityMethodMeaning('e64')).toBe('Forward estimate, method 64, agreed');
    expect(qualityMethodMeaning('Q1')).toBe('Unknown quality "Q1"');
  });

  it('describes every current reason code, and says when one is obsolete or unknown', () => {
    for (const code of CURRENT_REASON_CODES) expect(REASON_CODE_DESCRIPTIONS[code], `code ${code}`).toBeTruthy();
    expect(reasonCodeMeaning(13)).toBe('Locked gate');
    expect(reasonCodeMeaning(84)).toBe('Obsolete reason code (historical data)');
    expect(reasonCodeMeaning(555)).toBe('Unknown reason code');
  });
});
