import { describe, expect, it } from 'vitest';
import {
  CURRENT_REASON_CODES,
  INTERVAL_QUALITY_FLAGS,
  isIntervalQualityFlag,
  orList,
  QUALITY_FLAG_MEANINGS,
  QUALITY_FLAG_WORDS,
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

  it('has a word and a meaning for every quality flag, and knows no other', () => {
    for (const flag of INTERVAL_QUALITY_FLAGS) {
      expect(QUALITY_FLAG_WORDS[flag].word, flag).toMatch(/^[A-Z][a-z ]+$/);
      expect(QUALITY_FLAG_MEANINGS[flag], flag).toBe(QUALITY_FLAG_WORDS[flag].meaning);
      expect(isIntervalQualityFlag(flag)).toBe(true);
    }
    expect(Object.keys(QUALITY_FLAG_WORDS)).toEqual([...INTERVAL_QUALITY_FLAGS]);
    expect(isIntervalQualityFlag('Q')).toBe(false);
    expect(isIntervalQualityFlag('AE')).toBe(false);
  });

  it('writes a list as people do', () => {
    expect(orList([])).toBe('');
    expect(orList(['A'])).toBe('A');
    expect(orList(['A', 'E'])).toBe('A or E');
    expect(orList(INTERVAL_QUALITY_FLAGS)).toBe('A, E, S, F, N or V');
  });
});
