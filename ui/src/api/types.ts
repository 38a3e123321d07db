/**
 * The API's response shapes, as the browser receives them (JSON). They mirror the zod views in
 * src/projections/read-model/read-model.queries.ts and src/api/routes/*.ts, which the UI cannot import
 * (they pull in the database layer). Instants are ISO 8601 strings in NEM time (`+10:00`); reads and
 * quantities are exact decimal text, never numbers.
 */

export type Role = 'viewer' | 'admin';

export interface SessionUser {
  readonly username: string;
  readonly role: Role;
}

export interface Session {
  readonly user: SessionUser;
  readonly via: 'session' | 'token';
  readonly csrfToken: string | null;
}

export interface Reading {
  readonly fileId: string;
  readonly line: number;
  readonly fileName: string;
  readonly fileReceivedAt: string;
  readonly nmi: string;
  readonly nmiConfiguration: string;
  readonly nmiSuffix: string;
  readonly registerId: string;
  readonly mdmDataStreamIdentifier: string | null;
  readonly meterSerial: string;
  readonly direction: string;
  readonly previousRead: string;
  readonly previousReadValue: string;
  readonly previousReadAt: string;
  readonly previousQuality: string;
  readonly previousReasonCode: number | null;
  readonly previousReasonDescription: string | null;
  readonly currentRead: string;
  readonly currentReadValue: string;
  readonly currentReadAt: string;
  readonly currentQuality: string;
  readonly currentReasonCode: number | null;
  readonly currentReasonDescription: string | null;
  readonly quantity: string;
  readonly quantityValue: string;
  readonly uom: string;
  readonly uomText: string;
  readonly nextScheduledReadDate: string | null;
  readonly updatedAt: string;
  readonly msatsLoadedAt: string | null;
  readonly previousTransactionCode: string | null;
  readonly previousRetailerServiceOrder: string | null;
  readonly currentTransactionCode: string | null;
  readonly currentRetailerServiceOrder: string | null;
  readonly importPosition: string;
  readonly superseded: boolean;
}

export interface Page<T> {
  readonly items: T[];
  readonly nextCursor: string | null;
}

export interface Register {
  readonly nmi: string;
  readonly meterSerial: string;
  readonly nmiSuffix: string;
  readonly registerId: string;
  readonly direction: string;
  readonly uom: string;
  readonly mdmDataStreamIdentifier: string | null;
  readonly firstReadAt: string;
  readonly lastReadAt: string;
}

export interface MeterPointDetail {
  readonly nmi: string;
  readonly nmiConfiguration: string;
  readonly firstReadAt: string;
  readonly lastReadAt: string;
  readonly registers: Register[];
  readonly meterSerials: string[];
  readonly latestReadings: Reading[];
}

export interface MeterDetail {
  readonly meterSerial: string;
  readonly nmis: string[];
  readonly registers: Register[];
  readonly latestReadings: Reading[];
}

export const FILE_STATUSES = ['receiving', 'imported', 'rejected'] as const;
export type FileStatus = (typeof FILE_STATUSES)[number];

export interface FileSummary {
  readonly fileId: string;
  readonly fileName: string;
  readonly size: number;
  readonly channel: string;
  readonly status: FileStatus;
  readonly receivedAt: string;
  readonly closedAt: string | null;
  readonly fromParticipant: string | null;
  readonly toParticipant: string | null;
  readonly registerReads: number;
  readonly b2bDetails: number;
  readonly errorCount: number;
  readonly warningCount: number;
  readonly receivedPosition: string;
}

export interface Problem {
  readonly line: number;
  readonly record: '100' | '250' | '550' | '900' | null;
  readonly field: string | null;
  readonly code: string;
  readonly severity: 'error' | 'warning';
  readonly message: string;
}

export interface FileDetail extends FileSummary {
  readonly container: string;
  readonly zipMember: string | null;
  readonly headerCreatedAt: string | null;
  readonly lines: number;
  readonly errors: Problem[];
  readonly warnings: Problem[];
}

export interface ImportResult {
  readonly file: string;
  /** Null when the file was refused (over a limit: nothing recorded). */
  readonly sha256: string | null;
  readonly status: 'imported' | 'duplicate' | 'rejected' | 'refused';
  readonly readings: number;
  readonly errors: Problem[];
  readonly warnings: Problem[];
  readonly errorsOmitted: number;
  readonly warningsOmitted: number;
}

export interface ProjectionStatus {
  readonly projection: string;
  readonly generation: number;
  readonly checkpoint: string | null;
  readonly head: string | null;
  readonly lag: number | null;
  readonly upToDate: boolean;
}

export type RebuildState = 'idle' | 'running' | 'succeeded' | 'failed' | 'stopped';

export interface RebuildStatus {
  readonly state: RebuildState;
  readonly startedAt: string | null;
  readonly finishedAt: string | null;
  readonly eventsApplied: number;
  readonly generation: number | null;
  readonly resumed: boolean;
  readonly error: string | null;
}

export interface UserAccount {
  readonly username: string;
  readonly role: Role;
  readonly createdAt: string;
}

export interface ApiToken {
  readonly id: string;
  readonly prefix: string;
  readonly name: string;
  readonly username: string;
  readonly createdAt: string;
  readonly lastUsedAt: string | null;
  readonly expiresAt: string | null;
  readonly revokedAt: string | null;
}

export interface CreatedToken {
  readonly id: string;
  readonly prefix: string;
  readonly token: string;
  readonly expiresAt: string | null;
}

export interface ReadingsQuery {
  readonly nmi?: string;
  readonly serial?: string;
  readonly prefix?: boolean;
  /** YYYY-MM-DD, a day in NEM time. */
  readonly from?: string;
  readonly to?: string;
  readonly includeSuperseded?: boolean;
  readonly limit?: number;
  readonly cursor?: string | undefined;
}

/** The key of one register read, whose versions /api/readings/versions lists. */
export interface ReadingKey {
  readonly nmi: string;
  readonly nmiSuffix: string;
  readonly registerId: string;
  readonly meterSerial: string;
  readonly currentReadAt: string;
}

export interface FilesQuery {
  readonly status?: FileStatus | undefined;
  readonly search?: string | undefined;
  readonly limit?: number;
  readonly cursor?: string | undefined;
}
