/**
 * The history of one register read: every version files sent, the event each came from, and which one
 * is in force and why. The versions and their ranking come from the read model; each version's event is
 * read through the event-store port at the revision its file and line give (one event, no replay), and
 * its id checked against the deterministic one.
 */
import type { CommonQueryMethods } from 'slonik';
import { z } from 'zod';
import type { EventStore } from '../domain/event-store/event-store.js';
import { fileEventId } from '../domain/events/event-ids.js';
import { storedFileStream } from '../domain/events/file-events.js';
import { formatNemTime, toNemIso } from '../domain/nem-time.js';
import { readingRevision, ReadingView, readingVersions } from '../projections/read-model/read-model.queries.js';

export interface ReadingKey {
  readonly nmi: string;
  readonly nmiSuffix: string;
  readonly registerId: string;
  readonly meterSerial: string;
  /** An instant with its offset. */
  readonly currentReadAt: string;
}

export const DECIDED_BY = ['onlyVersion', 'updateDateTime', 'importOrder', 'line'] as const;
export type DecidedBy = (typeof DECIDED_BY)[number];

export const ReadingEventView = z.object({
  streamName: z.string(),
  revision: z.number().int(),
  position: z.string().describe("the event's global position, a whole number"),
  eventId: z.string(),
  recordedAt: z.iso.datetime({ offset: true }).describe('when the store recorded the event, NEM time (+10:00)'),
});

export const ReadingVersionView = z.object({
  rank: z.number().int().describe('1 is the version in force; then by UpdateDateTime, import order and line'),
  inForce: z.boolean(),
  decidedBy: z
    .enum(DECIDED_BY)
    .describe(
      'what set this version apart from the one it is ranked against (the in-force version from the next one; any other from the in-force one): onlyVersion, updateDateTime, importOrder (same UpdateDateTime), line (same UpdateDateTime and file)',
    ),
  reason: z
    .string()
    .describe('the same for people, e.g. "newer UpdateDateTime" or "same UpdateDateTime, imported later"'),
  reading: ReadingView,
  event: ReadingEventView.nullable().describe(
    'the ReadingRecorded event that brought this version; null when the store has no event with the expected id at the revision the read model gives (the two disagree: verify them)',
  ),
});
export type ReadingVersion = z.output<typeof ReadingVersionView>;

export const ReadingHistoryView = z.object({
  key: z.object({
    nmi: z.string(),
    nmiSuffix: z.string(),
    registerId: z.string(),
    meterSerial: z.string(),
    currentReadAt: z.iso.datetime({ offset: true }).describe('NEM time (+10:00)'),
  }),
  versions: z.array(ReadingVersionView).describe('ranked: the version in force first'),
});
export type ReadingHistory = z.output<typeof ReadingHistoryView>;

/** What the ranking of versions reads (a register read's, or an interval day's, whose UpdateDateTime may be blank). */
export interface RankedVersion {
  readonly updatedAt: string | null;
  readonly importPosition: string;
}

/** How `a` (ranked before) and `b` differ in the ranking: the first of UpdateDateTime, import order, line. */
function difference(a: RankedVersion, b: RankedVersion): Exclude<DecidedBy, 'onlyVersion'> {
  const sameUpdate =
    a.updatedAt === null || b.updatedAt === null
      ? a.updatedAt === b.updatedAt
      : Date.parse(a.updatedAt) === Date.parse(b.updatedAt);
  if (!sameUpdate) return 'updateDateTime';
  if (a.importPosition !== b.importPosition) return 'importOrder';
  return 'line';
}

const updateShown = (at: string | null) => (at === null ? 'blank' : formatNemTime(at));

const WINNER_REASONS = {
  updateDateTime: 'newer UpdateDateTime',
  importOrder: 'same UpdateDateTime, imported later',
  line: 'same UpdateDateTime and file, later line',
} as const;
const LOSER_REASONS = {
  updateDateTime: 'older UpdateDateTime than the version in force',
  importOrder: 'same UpdateDateTime as the version in force, imported earlier',
  line: 'same UpdateDateTime and file as the version in force, earlier line',
} as const;

/** Why each version ranks where it does, from the versions in ranking order. */
export function rankVersions(
  ranked: readonly RankedVersion[],
): Array<{ rank: number; inForce: boolean; decidedBy: DecidedBy; reason: string }> {
  const [winner, runnerUp] = ranked;
  return ranked.map((version, index) => {
    if (index === 0) {
      if (runnerUp === undefined)
        return { rank: 1, inForce: true, decidedBy: 'onlyVersion', reason: 'the only version' };
      const by = difference(version, runnerUp);
      const detail =
        by === 'updateDateTime'
          ? ` (${updateShown(version.updatedAt)} against ${updateShown(runnerUp.updatedAt)})`
          : '';
      return { rank: 1, inForce: true, decidedBy: by, reason: `${WINNER_REASONS[by]}${detail}` };
    }
    const by = difference(winner ?? version, version);
    return { rank: index + 1, inForce: false, decidedBy: by, reason: LOSER_REASONS[by] };
  });
}

/**
 * The event behind one version: the record event of a file's line, read at the revision the read model
 * says it has; null when the store does not hold it there.
 */
export async function recordEventAt(
  store: EventStore,
  fileId: string,
  type: 'ReadingRecorded' | 'IntervalDayRecorded',
  line: number,
  revision: number,
): Promise<z.output<typeof ReadingEventView> | null> {
  const streamName = await storedFileStream(store, fileId);
  if (streamName === null) return null;
  const expectedId = fileEventId(fileId, type, line);
  for await (const found of store.readStream(streamName, { fromRevision: revision, maxCount: 1 })) {
    if (found.id === expectedId && found.type === type) {
      return {
        streamName,
        revision: found.revision,
        position: found.position.toString(),
        eventId: found.id,
        recordedAt: toNemIso(found.recordedAt),
      };
    }
  }
  return null;
}

/** A version with why it ranks where it does (its place, in force or not, what decided it) and its event. */
type RankedWithEvent<V> = ReturnType<typeof rankVersions>[number] & {
  version: V;
  event: z.output<typeof ReadingEventView> | null;
};

/**
 * Both histories' walk: each version (in ranking order) with its rank and the record event behind it,
 * read at the revision the read model gives for its file and line.
 */
export async function rankedWithEvents<V extends RankedVersion & { readonly fileId: string; readonly line: number }>(
  store: EventStore,
  ranked: readonly V[],
  type: 'ReadingRecorded' | 'IntervalDayRecorded',
  revisionOf: (version: V) => Promise<number>,
): Promise<Array<RankedWithEvent<V>>> {
  const ranks = rankVersions(ranked);
  const versions: Array<RankedWithEvent<V>> = [];
  for (const [index, version] of ranked.entries()) {
    const rank = ranks[index];
    if (rank === undefined) continue;
    const event = await recordEventAt(store, version.fileId, type, version.line, await revisionOf(version));
    versions.push({ ...rank, version, event });
  }
  return versions;
}

/** The history of a register read; null when no file sent a read with this key. */
export async function readingHistory(
  db: CommonQueryMethods,
  store: EventStore,
  key: ReadingKey,
): Promise<ReadingHistory | null> {
  const ranked = await readingVersions(db, key);
  if (ranked.length === 0) return null;
  const walked = await rankedWithEvents(store, ranked, 'ReadingRecorded', (r) => readingRevision(db, r.fileId, r.line));
  const versions: ReadingVersion[] = walked.map(({ version, ...rest }) => ({ ...rest, reading: version }));
  return { key: { ...key, currentReadAt: toNemIso(key.currentReadAt) }, versions };
}
