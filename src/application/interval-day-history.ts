/**
 * The history of one interval day (NMI, suffix, IntervalDate): every version files sent, the
 * IntervalDayRecorded event each came from, and which one is in force and why (the same ranking and
 * wording as a register read's history, docs/adr/0009). Versions and ranking come from the read model;
 * each event is read through the event-store port at the revision its file and line give, and its id
 * checked against the deterministic one.
 */
import type { CommonQueryMethods } from 'slonik';
import { z } from 'zod';
import type { EventStore } from '../domain/event-store/event-store.js';
import {
  intervalDayRevision,
  IntervalDayView,
  intervalDayVersions,
  type IntervalDayKey,
} from '../projections/read-model/interval-days.queries.js';
import { DECIDED_BY, rankedWithEvents, ReadingEventView } from './reading-history.js';

export const IntervalDayVersionView = z.object({
  rank: z.number().int().describe('1 is the version in force; then by UpdateDateTime, import order and line'),
  inForce: z.boolean(),
  decidedBy: z
    .enum(DECIDED_BY)
    .describe(
      'what set this version apart from the one it is ranked against (the in-force version from the next one; any other from the in-force one): onlyVersion, updateDateTime, importOrder (same UpdateDateTime), line (same UpdateDateTime and file)',
    ),
  reason: z.string().describe('the same for people, e.g. "newer UpdateDateTime"'),
  day: IntervalDayView,
  event: ReadingEventView.nullable().describe(
    'the IntervalDayRecorded event that brought this version; null when the store has no event with the expected id at the revision the read model gives (the two disagree: verify them)',
  ),
});
export type IntervalDayVersion = z.output<typeof IntervalDayVersionView>;

export const IntervalDayHistoryView = z.object({
  key: z.object({ nmi: z.string(), nmiSuffix: z.string(), intervalDate: z.iso.date() }),
  versions: z.array(IntervalDayVersionView).describe('ranked: the version in force first'),
});
export type IntervalDayHistory = z.output<typeof IntervalDayHistoryView>;

/** The history of an interval day; null when no file sent that day of that channel. */
export async function intervalDayHistory(
  db: CommonQueryMethods,
  store: EventStore,
  key: IntervalDayKey,
): Promise<IntervalDayHistory | null> {
  const ranked = await intervalDayVersions(db, key);
  if (ranked.length === 0) return null;
  const walked = await rankedWithEvents(store, ranked, 'IntervalDayRecorded', (d) =>
    intervalDayRevision(db, d.fileId, d.line),
  );
  const versions: IntervalDayVersion[] = walked.map(({ version, ...rest }) => ({ ...rest, day: version }));
  return { key: { nmi: key.nmi, nmiSuffix: key.nmiSuffix, intervalDate: key.intervalDate }, versions };
}
