import { describe, expect, it } from 'vitest';
import { rankVersions } from './reading-history.js';

describe('ranking versions', () => {
  it('says what decided it, a blank UpdateDateTime (an interval day may leave it blank) ranking last', () => {
    expect(
      rankVersions([
        { updatedAt: '2004-02-02T02:00:25Z', importPosition: '5' },
        { updatedAt: null, importPosition: '9' },
      ]),
    ).toEqual([
      {
        rank: 1,
        inForce: true,
        decidedBy: 'updateDateTime',
        reason: 'newer UpdateDateTime (2004-02-02 12:00:25 +10:00 against blank)',
      },
      {
        rank: 2,
        inForce: false,
        decidedBy: 'updateDateTime',
        reason: 'older UpdateDateTime than the version in force',
      },
    ]);
    expect(
      rankVersions([
        { updatedAt: null, importPosition: '9' },
        { updatedAt: null, importPosition: '5' },
      ]).map((r) => r.decidedBy),
    ).toEqual(['importOrder', 'importOrder']);
    expect(rankVersions([{ updatedAt: null, importPosition: '9' }])).toEqual([
      { rank: 1, inForce: true, decidedBy: 'onlyVersion', reason: 'the only version' },
    ]);
  });
});
