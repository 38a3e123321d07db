/**
 * The API's shapes, as the admin uses them: names for the types generated from the API's OpenAPI
 * document (schema.d.ts, `npm run api:generate`; a test keeps it equal to what the server serves).
 * Nothing here is written by hand but these names.
 */
import type { components, operations } from './schema.js';

type Schemas = components['schemas'];

export type Session = Schemas['Session'];
export type SessionUser = Session['user'];
export type Role = SessionUser['role'];
export type Reading = Schemas['Reading'];
/** A page of readings with how many match in all (`total`) and what was searched (`matched`). */
export type ReadingPage = Schemas['ReadingPage'];
export type SearchMatch = Schemas['SearchMatch'];
export type ReadingOrder = NonNullable<ReadingsParameters['order']>;
export type Register = Schemas['Register'];
export type MeterPointDetail = Schemas['MeterPoint'];
export type MeterDetail = Schemas['Meter'];
export type FileSummary = Schemas['FlowFile'];
export type FileDetail = Schemas['FlowFileDetail'];
export type IntervalChannel = Schemas['IntervalChannel'];
/** The channels of a NMI or meter, with the instant they are as known at (`asOf`) when one was asked. */
export type IntervalChannelList = Schemas['IntervalChannelList'];
/** One day of an interval channel without its values (total, quality, file). */
export type ChannelDay = Schemas['IntervalChannelDay'];
export type ChannelDayPage = Schemas['IntervalChannelDayPage'];
/** One day of an interval channel with its values and per-interval quality. */
export type IntervalDay = Schemas['IntervalDay'];
export type FileStatus = FileSummary['status'];
/** A problem found in a flow file (line, field, code). */
export type Problem = Schemas['FileProblem'];
export type ImportResult = Schemas['ImportResult'];
export type UploadAnswer = Schemas['UploadResult'];
/** One line of a flow file as sent, with the names of its fields. */
export type SourceLine = Schemas['SourceLine'];
export type ProjectionStatus = Schemas['ProjectionStatus'];
export type RebuildStatus = Schemas['RebuildStatus'];
export type RebuildState = RebuildStatus['state'];
export type GenerationList = Schemas['GenerationList'];
export type SideGeneration = Schemas['SideGeneration'];
export type SideBuildStatus = Schemas['SideBuildStatus'];
export type GenerationDiffPage = Schemas['GenerationDiffPage'];
export type GenerationDifference = Schemas['GenerationDifference'];
export type UserAccount = Schemas['User'];
export type ApiToken = Schemas['ApiToken'];
export type CreatedToken = Schemas['CreatedToken'];
/** An event of a file's stream as the event store holds it, and a page of them. */
export type StoredEvent = Schemas['StoredEvent'];
export type FileEventPage = Schemas['FileEventPage'];
/** Every version of one register read, ranked, each with the event that brought it. */
export type ReadingHistory = Schemas['ReadingHistory'];
export type ReadingVersion = Schemas['ReadingVersion'];
/** An error answer (RFC 9457 problem details). */
export type ApiProblem = Schemas['Problem'];

/** A keyset page of the API (`ReadingPage`, `FilePage`). */
export interface Page<T> {
  readonly items: T[];
  readonly nextCursor: string | null;
}

/** The statuses a file can have, in the order the admin offers them. */
export const FILE_STATUSES = ['receiving', 'imported', 'rejected'] as const satisfies readonly FileStatus[];

type ReadingsParameters = NonNullable<operations['searchReadings']['parameters']['query']>;

/** A search of readings as the admin builds it (booleans rather than the query's `'true'`). */
export interface ReadingsQuery extends Omit<ReadingsParameters, 'prefix' | 'includeSuperseded' | 'cursor'> {
  readonly prefix?: boolean;
  readonly includeSuperseded?: boolean;
  readonly cursor?: string | undefined;
}

/** The key of one register read, whose versions getReadingVersions lists. */
export type ReadingKey = operations['getReadingVersions']['parameters']['query'];

export interface FilesQuery {
  readonly status?: FileStatus | undefined;
  readonly search?: string | undefined;
  readonly limit?: number;
  readonly cursor?: string | undefined;
}
