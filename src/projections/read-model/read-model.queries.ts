import { sql, type CommonQueryMethods, type FragmentSqlToken } from 'slonik';
import { z } from 'zod';
import { FlowProblemSchema } from '../../domain/flow-summary.js';
import { toNemIso, yearsBefore } from '../../domain/nem-time.js';
import { hasUnsafeCharacters } from '../../domain/text.js';

/**
 * Queries support staff run, on the views of the active read-model generation. Times come back as ISO
 * 8601 instants in NEM time (`+10:00`); register reads and quantities as their exact text plus the
 * canonical decimal, never as floats.
 */

const nemTime = z.string().transform((value) => toNemIso(value));
const nemTimeOrNull = nemTime.nullable();
/** An instant as the queries answer it: ISO 8601 in NEM time. */
const NemTimeText = z.iso
  .datetime({ offset: true })
  .refine((value) => value.endsWith('+10:00'), 'expected an instant in NEM time (+10:00)')
  .describe('an instant in NEM time (UTC+10:00, no daylight saving), e.g. 2004-01-07T10:03:33+10:00');
/** The instant an answer is as of (present only then): what the service knew at that instant. */
export const AsOfView = NemTimeText.describe(
  'the answer is as the service knew it at this instant (NEM time): only files whose FileImported was recorded by then (to the second) count, and of their versions of a register read the one winning then',
);
/** A calendar day (meter data days are NEM days). */
const DayText = z.iso.date().describe('a day, YYYY-MM-DD');

/**
 * Each value comes as a plain schema of what callers get (`...View`, also the HTTP API's response
 * schemas) and a row schema that parses the database row into it (`...Row`: instants to NEM time,
 * bigints to text).
 */
export const ReadingView = z.object({
  fileId: z.string(),
  line: z.number().int(),
  fileName: z.string(),
  fileReceivedAt: NemTimeText,
  nmi: z.string(),
  nmiConfiguration: z.string(),
  nmiSuffix: z.string(),
  registerId: z.string(),
  mdmDataStreamIdentifier: z.string().nullable(),
  meterSerial: z.string(),
  direction: z.string(),
  previousRead: z.string().describe('as sent in the file'),
  previousReadValue: z.string().describe('exact decimal'),
  previousReadAt: NemTimeText,
  previousQuality: z.string(),
  previousReasonCode: z.number().int().nullable(),
  previousReasonDescription: z.string().nullable(),
  currentRead: z.string().describe('as sent in the file'),
  currentReadValue: z.string().describe('exact decimal'),
  currentReadAt: NemTimeText,
  currentQuality: z.string(),
  currentReasonCode: z.number().int().nullable(),
  currentReasonDescription: z.string().nullable(),
  quantity: z.string().describe('as sent in the file'),
  quantityValue: z.string().describe('exact decimal'),
  uom: z.string().describe('normalised unit'),
  uomText: z.string().describe('unit as sent'),
  nextScheduledReadDate: DayText.nullable().describe('NextScheduledReadDate: the day of the next scheduled read'),
  updatedAt: NemTimeText,
  msatsLoadedAt: NemTimeText.nullable(),
  previousTransactionCode: z.string().nullable(),
  previousRetailerServiceOrder: z.string().nullable(),
  currentTransactionCode: z.string().nullable(),
  currentRetailerServiceOrder: z.string().nullable(),
  importPosition: z.string().describe("global position of the file's FileImported: the import order"),
  superseded: z.boolean().describe('a later version of this register read is in force'),
  corrected: z.boolean().describe('files sent more than one version of this register read'),
});
export type Reading = z.output<typeof ReadingView>;
const ReadingSchema = ReadingView.extend({
  fileReceivedAt: nemTime,
  previousReadAt: nemTime,
  currentReadAt: nemTime,
  updatedAt: nemTime,
  msatsLoadedAt: nemTimeOrNull,
  importPosition: z.bigint().transform(String),
});

const READING_FIELDS = sql.fragment`
  f.file_id AS "fileId", r.line, f.file_name AS "fileName", f.received_at AS "fileReceivedAt",
  r.nmi, r.nmi_configuration AS "nmiConfiguration", r.nmi_suffix AS "nmiSuffix", r.register_id AS "registerId",
  r.mdm_data_stream_identifier AS "mdmDataStreamIdentifier", r.meter_serial_number AS "meterSerial", r.direction,
  r.previous_read AS "previousRead", r.previous_read::numeric::text AS "previousReadValue",
  r.previous_read_at AS "previousReadAt", r.previous_quality AS "previousQuality",
  r.previous_reason_code AS "previousReasonCode", r.previous_reason_description AS "previousReasonDescription",
  r.current_read AS "currentRead", r.current_read::numeric::text AS "currentReadValue",
  r.current_read_at AS "currentReadAt", r.current_quality AS "currentQuality",
  r.current_reason_code AS "currentReasonCode", r.current_reason_description AS "currentReasonDescription",
  r.quantity, r.quantity::numeric::text AS "quantityValue", r.uom, coalesce(r.uom_text, r.uom) AS "uomText",
  r.next_scheduled_read_date::text AS "nextScheduledReadDate", r.updated_at AS "updatedAt",
  r.msats_loaded_at AS "msatsLoadedAt", r.previous_transaction_code AS "previousTransactionCode",
  r.previous_retailer_service_order AS "previousRetailerServiceOrder",
  r.current_transaction_code AS "currentTransactionCode",
  r.current_retailer_service_order AS "currentRetailerServiceOrder",
  r.import_position AS "importPosition"`;
const READING_COLUMNS = sql.fragment`${READING_FIELDS}, r.superseded, r.corrected`;

/**
 * Answers as of an instant (docs/adr/0010-as-of-queries.md): the versions of register reads whose file's
 * FileImported was recorded by then (to the second), and among them the one that was winning then. Each
 * version keeps when it was imported and when a version ranking above it was first imported, so this is
 * a filter on the row, read through the same indexes as the live answer, never a replay.
 */
function knownBy(asOf: Date): FragmentSqlToken {
  return sql.fragment`r.imported_at <= ${asOf.toISOString()}::timestamptz`;
}

/** The versions in force: now, or as of an instant. */
function inForce(asOf: Date | undefined): FragmentSqlToken {
  if (asOf === undefined) return sql.fragment`NOT r.superseded`;
  return sql.fragment`${knownBy(asOf)} AND (r.superseded_at IS NULL OR r.superseded_at > ${asOf.toISOString()}::timestamptz)`;
}

/** Whether a version was superseded, or its read corrected: now, or by `asOf`. */
function flagAsOf(flag: 'superseded' | 'corrected', asOf: Date | undefined): FragmentSqlToken {
  if (asOf === undefined) return sql.fragment`${sql.identifier(['r', flag])}`;
  return sql.fragment`coalesce(${sql.identifier(['r', `${flag}_at`])} <= ${asOf.toISOString()}::timestamptz, false)`;
}

/** The reading columns, with `superseded` and `corrected` as they were at `asOf` (now when undefined). */
function readingColumnsAsOf(asOf: Date | undefined): FragmentSqlToken {
  if (asOf === undefined) return READING_COLUMNS;
  return sql.fragment`${READING_FIELDS},
    ${flagAsOf('superseded', asOf)} AS superseded, ${flagAsOf('corrected', asOf)} AS corrected`;
}

export type ReadingOrder = 'desc' | 'asc';

export interface ReadingsQuery {
  readonly nmi?: string;
  /** A meter serial, matched whatever its case. */
  readonly serial?: string;
  /** Match the NMI or serial as a prefix instead of exactly. */
  readonly prefix?: boolean;
  /** By current read time: newest first (desc, the default) or oldest first. */
  readonly order?: ReadingOrder;
  /** Readings whose current read is on or after this instant. */
  readonly from?: Date;
  /** Readings whose current read is before this instant. */
  readonly to?: Date;
  readonly includeSuperseded?: boolean;
  readonly limit: number;
  /** Where the previous page ended (`nextCursor` of that page). */
  readonly cursor?: string;
  /** The readings as the service knew them at this instant; now when absent. */
  readonly asOf?: Date;
}

export interface Page<T> {
  readonly items: T[];
  /** Pass as `cursor` for the next page; null on the last page. */
  readonly nextCursor: string | null;
}

/** How many there are in all: exactly up to a cap, so that counting stays cheap however many match. */
export interface Total {
  readonly count: number;
  /** `count` is the cap: there are at least that many (more than count - 1 shown). */
  readonly capped: boolean;
}

export const TOTAL_CAP = 10_000;

export class InvalidCursorError extends Error {
  constructor() {
    super('the cursor is not one this service issued');
    this.name = 'InvalidCursorError';
  }
}

/**
 * Cursors are opaque to clients but checked in full when they come back: every value must be one a row
 * could have, so a forged cursor is refused (400) rather than reaching SQL.
 */
const CursorInstant = z.iso.datetime({ offset: true }).refine((value) => Number(value.slice(0, 4)) >= 1);
const CursorPosition = z
  .string()
  .regex(/^\d{1,19}$/)
  .refine((value) => BigInt(value) <= 9_223_372_036_854_775_807n);
const CursorLine = z.number().int().min(0).max(2_147_483_647);
const CursorKey = z
  .string()
  .min(1)
  .max(12)
  .refine((value) => !hasUnsafeCharacters(value));
/** A page boundary: the order, the key (prefix searches only) and the last row's sort values. */
const ReadingCursor = z.tuple([
  z.enum(['desc', 'asc']),
  CursorKey.nullable(),
  CursorInstant,
  CursorPosition,
  CursorLine,
]);

export function encodeCursor(values: unknown[]): string {
  return Buffer.from(JSON.stringify(values)).toString('base64url');
}

export function decodeCursor<T>(cursor: string, schema: z.ZodType<T>): T {
  try {
    return schema.parse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')));
  } catch {
    throw new InvalidCursorError();
  }
}

/**
 * Readings of a NMI or a meter serial, newest (or oldest) first, then by import order, one keyset page at a
 * time, with how many match in all (counted up to TOTAL_CAP). A prefix search comes by key (NMI or serial),
 * then by time: the order of the index it reads, so a one-character prefix reads one page of the index
 * instead of sorting every match. Serials match whatever their case.
 */
export async function findReadings(
  db: CommonQueryMethods,
  query: ReadingsQuery,
): Promise<Page<Reading> & { total: Total }> {
  const key =
    query.nmi !== undefined
      ? { column: sql.fragment`r.nmi`, value: query.nmi }
      : query.serial !== undefined
        ? { column: sql.fragment`upper(r.meter_serial_number)`, value: query.serial.toUpperCase() }
        : null;
  if (key === null) throw new RangeError('findReadings needs a NMI or a meter serial');
  const prefix = query.prefix ?? false;
  const order = query.order ?? 'desc';
  const matches: FragmentSqlToken[] = [
    prefix
      ? // Key bounds for a prefix under the "C" collation: [prefix, prefix + U+FFFF).
        sql.fragment`${key.column} >= ${key.value} AND ${key.column} < ${`${key.value}\uffff`}`
      : sql.fragment`${key.column} = ${key.value}`,
  ];
  if (query.nmi !== undefined && query.serial !== undefined) {
    matches.push(sql.fragment`upper(r.meter_serial_number) = ${query.serial.toUpperCase()}`);
  }
  if (query.from !== undefined)
    matches.push(sql.fragment`r.current_read_at >= ${query.from.toISOString()}::timestamptz`);
  if (query.to !== undefined) matches.push(sql.fragment`r.current_read_at < ${query.to.toISOString()}::timestamptz`);
  if (query.includeSuperseded !== true) matches.push(inForce(query.asOf));
  else if (query.asOf !== undefined) matches.push(knownBy(query.asOf));

  const conditions = [...matches];
  const time = sql.fragment`(r.current_read_at, r.import_position, r.line)`;
  const after = order === 'desc' ? sql.fragment`<` : sql.fragment`>`;
  const direction = order === 'desc' ? sql.fragment`DESC` : sql.fragment`ASC`;
  if (query.cursor !== undefined) {
    const [cursorOrder, cursorKey, at, position, line] = decodeCursor(query.cursor, ReadingCursor);
    // A cursor belongs to the search it came from: another order, or a prefix cursor on an exact search,
    // is not a page boundary of this one.
    if (cursorOrder !== order || (cursorKey === null) === prefix) throw new InvalidCursorError();
    const past = sql.fragment`${time} ${after} (${at}::timestamptz, ${position}::int8, ${line})`;
    conditions.push(
      cursorKey === null
        ? past
        : sql.fragment`(${key.column} > ${cursorKey} OR (${key.column} = ${cursorKey} AND ${past}))`,
    );
  }
  const sort = sql.fragment`r.current_read_at ${direction}, r.import_position ${direction}, r.line ${direction}`;
  const rows = await db.any(sql.type(ReadingSchema)`
    SELECT ${readingColumnsAsOf(query.asOf)}
    FROM register_reads r JOIN files f ON f.closed_position = r.import_position
    WHERE ${sql.join(conditions, sql.fragment` AND `)}
    ORDER BY ${prefix ? sql.fragment`${key.column}, ${sort}` : sort}
    LIMIT ${query.limit + 1}`);
  const items = rows.slice(0, query.limit);
  const last = items.at(-1);
  let nextCursor: string | null = null;
  if (rows.length > query.limit && last !== undefined) {
    const lastKey = query.nmi !== undefined ? last.nmi : last.meterSerial.toUpperCase();
    nextCursor = encodeCursor([order, prefix ? lastKey : null, last.currentReadAt, last.importPosition, last.line]);
  }
  const counted = await db.oneFirst(sql.type(z.object({ count: z.number() }))`
    SELECT count(*)::int AS count FROM (
      SELECT 1 FROM register_reads r WHERE ${sql.join(matches, sql.fragment` AND `)} LIMIT ${TOTAL_CAP}
    ) capped`);
  return { items, nextCursor, total: { count: counted, capped: counted >= TOTAL_CAP } };
}

/** Every version of one register read (the same NMI, suffix, register, serial and read time), newest first. */
export async function readingVersions(
  db: CommonQueryMethods,
  key: { nmi: string; nmiSuffix: string; registerId: string; meterSerial: string; currentReadAt: string },
): Promise<Reading[]> {
  return [
    ...(await db.any(sql.type(ReadingSchema)`
      SELECT ${READING_COLUMNS}
      FROM register_reads r JOIN files f ON f.closed_position = r.import_position
      WHERE r.nmi = ${key.nmi} AND r.nmi_suffix = ${key.nmiSuffix} AND r.register_id = ${key.registerId}
        AND r.meter_serial_number = ${key.meterSerial} AND r.current_read_at = ${key.currentReadAt}::timestamptz
      ORDER BY r.updated_at DESC, r.import_position DESC, r.line DESC`)),
  ];
}

export const RegisterView = z.object({
  nmi: z.string(),
  meterSerial: z.string(),
  nmiSuffix: z.string(),
  registerId: z.string(),
  direction: z.string(),
  uom: z.string(),
  mdmDataStreamIdentifier: z.string().nullable(),
  firstReadAt: NemTimeText,
  lastReadAt: NemTimeText,
});
export type Register = z.output<typeof RegisterView>;
const RegisterSchema = RegisterView.extend({ firstReadAt: nemTime, lastReadAt: nemTime });

const REGISTER_COLUMNS = sql.fragment`
  g.nmi, g.meter_serial_number AS "meterSerial", g.nmi_suffix AS "nmiSuffix", g.register_id AS "registerId",
  g.direction, g.uom, g.mdm_data_stream_identifier AS "mdmDataStreamIdentifier",
  g.first_read_at AS "firstReadAt", g.last_read_at AS "lastReadAt"`;

const MeterPointView = z.object({
  nmi: z.string(),
  nmiConfiguration: z.string(),
  firstReadAt: NemTimeText,
  lastReadAt: NemTimeText,
});
const MeterPointSchema = MeterPointView.extend({ firstReadAt: nemTime, lastReadAt: nemTime });

/** How far back the usage of a meter point goes, from its last read. */
const USAGE_YEARS = 3;
const MAX_USAGE_PERIODS = 500;

/** One read period of a register: what was used between two reads, and per day. */
export const UsagePeriodView = z.object({
  meterSerial: z.string(),
  nmiSuffix: z.string(),
  registerId: z.string(),
  direction: z
    .string()
    .describe('E: energy delivered to the customer (consumption); I: from the customer (generation)'),
  uom: z.string(),
  from: NemTimeText.describe('the previous read'),
  to: NemTimeText.describe('the current read'),
  days: z.string().describe('length of the period in days, exact to the second (2 decimals)'),
  quantity: z.string().describe('exact decimal, as the file stated it'),
  perDay: z.string().nullable().describe('quantity per day (3 decimals); null for a period of no length'),
  quality: z.string().describe('quality and method of the current read, e.g. A, E64'),
  corrected: z.boolean().describe('files sent more than one version of this read'),
  fileId: z.string(),
  line: z.number().int(),
});
export type UsagePeriod = z.output<typeof UsagePeriodView>;

export const UsageTotalView = z.object({
  direction: z.string(),
  uom: z.string(),
  quantity: z.string().describe('exact sum of the quantities'),
  reads: z.number().int().describe('reads summed'),
  from: NemTimeText.describe('the earliest previous read of those summed: the total covers from here'),
  to: NemTimeText.describe('the latest current read of those summed'),
});

export const MeterPointDetailView = MeterPointView.extend({
  asOf: AsOfView.optional(),
  registers: z.array(RegisterView),
  meterSerials: z.array(z.string()),
  latestReadings: z.array(ReadingView).describe('the newest (non-superseded) reading of each register'),
  latestActualReadings: z
    .array(ReadingView)
    .describe('the newest reading of each register whose current read is actual (quality A), where there is one'),
  nextScheduledReadDate: DayText.nullable().describe("the NextScheduledReadDate of the NMI's newest reading"),
  usage: z.object({
    periods: z
      .array(UsagePeriodView)
      .describe(
        `the read periods ending in the ${USAGE_YEARS} years up to the last read (at most ${MAX_USAGE_PERIODS}), oldest first`,
      ),
    last12Months: z
      .array(UsageTotalView)
      .describe('per direction and unit: the reads whose current read is in the 12 months up to the last read'),
  }),
});
export type MeterPointDetail = z.output<typeof MeterPointDetailView>;

async function latestReadingsWhere(
  db: CommonQueryMethods,
  condition: FragmentSqlToken,
  asOf: Date | undefined,
): Promise<Reading[]> {
  return [
    ...(await db.any(sql.type(ReadingSchema)`
      SELECT * FROM (
        SELECT DISTINCT ON (r.nmi, r.meter_serial_number, r.nmi_suffix, r.register_id) ${readingColumnsAsOf(asOf)}
        FROM register_reads r JOIN files f ON f.closed_position = r.import_position
        WHERE ${condition} AND ${inForce(asOf)}
        ORDER BY r.nmi, r.meter_serial_number, r.nmi_suffix, r.register_id,
          r.current_read_at DESC, r.import_position DESC, r.line DESC
      ) latest
      ORDER BY "nmi", "meterSerial", "nmiSuffix", "registerId"`)),
  ];
}

const UsagePeriodSchema = UsagePeriodView.extend({ from: nemTime, to: nemTime });
const UsageTotalSchema = UsageTotalView.extend({ from: nemTime, to: nemTime });

async function usageOf(
  db: CommonQueryMethods,
  nmi: string,
  lastReadAt: string,
  asOf: Date | undefined,
): Promise<MeterPointDetail['usage']> {
  const periods = await db.any(sql.type(UsagePeriodSchema)`
    SELECT r.meter_serial_number AS "meterSerial", r.nmi_suffix AS "nmiSuffix", r.register_id AS "registerId",
      r.direction, r.uom, r.previous_read_at AS "from", r.current_read_at AS "to",
      round(extract(epoch FROM r.current_read_at - r.previous_read_at) / 86400, 2)::text AS days,
      r.quantity::numeric::text AS quantity,
      CASE WHEN r.current_read_at > r.previous_read_at
        THEN round(r.quantity::numeric / (extract(epoch FROM r.current_read_at - r.previous_read_at) / 86400), 3)::text
      END AS "perDay",
      r.current_quality AS quality, ${flagAsOf('corrected', asOf)} AS corrected, f.file_id AS "fileId", r.line
    FROM register_reads r JOIN files f ON f.closed_position = r.import_position
    WHERE r.nmi = ${nmi} AND ${inForce(asOf)}
      AND r.current_read_at > ${yearsBefore(lastReadAt, USAGE_YEARS)}::timestamptz
    ORDER BY r.current_read_at DESC, r.meter_serial_number, r.nmi_suffix, r.register_id
    LIMIT ${MAX_USAGE_PERIODS}`);
  const last12Months = await db.any(sql.type(UsageTotalSchema)`
    SELECT r.direction, r.uom, sum(r.quantity::numeric)::text AS quantity, count(*)::int AS reads,
      min(r.previous_read_at) AS "from", max(r.current_read_at) AS "to"
    FROM register_reads r
    WHERE r.nmi = ${nmi} AND ${inForce(asOf)}
      AND r.current_read_at > ${yearsBefore(lastReadAt, 1)}::timestamptz
    GROUP BY r.direction, r.uom ORDER BY r.direction, r.uom`);
  return { periods: [...periods].reverse(), last12Months: [...last12Months] };
}

/**
 * The registers matching a condition on register_reads `r` (by NMI or serial): from the registers table,
 * or as of an instant from the versions known then (what the registers table held then).
 */
async function registersWhere(
  db: CommonQueryMethods,
  condition: { registers: FragmentSqlToken; reads: FragmentSqlToken },
  order: FragmentSqlToken,
  asOf: Date | undefined,
): Promise<Register[]> {
  if (asOf === undefined) {
    return [
      ...(await db.any(sql.type(RegisterSchema)`
        SELECT ${REGISTER_COLUMNS} FROM registers g WHERE ${condition.registers} ORDER BY ${order}`)),
    ];
  }
  const newestFirst = sql.fragment`ORDER BY r.current_read_at DESC, r.import_position DESC, r.line DESC`;
  return [
    ...(await db.any(sql.type(RegisterSchema)`
      SELECT ${REGISTER_COLUMNS} FROM (
        SELECT r.nmi, r.meter_serial_number, r.nmi_suffix, r.register_id,
          (array_agg(r.direction ${newestFirst}))[1] AS direction, (array_agg(r.uom ${newestFirst}))[1] AS uom,
          (array_agg(r.mdm_data_stream_identifier ORDER BY r.import_position, r.mdm_data_stream_identifier DESC NULLS LAST))[1]
            AS mdm_data_stream_identifier,
          min(r.previous_read_at) AS first_read_at, max(r.current_read_at) AS last_read_at
        FROM register_reads r
        WHERE ${condition.reads} AND ${knownBy(asOf)}
        GROUP BY r.nmi, r.meter_serial_number, r.nmi_suffix, r.register_id
      ) g
      ORDER BY ${order}`)),
  ];
}

/** A meter point with its registers, latest readings and usage: now, or as the service knew it at `asOf`. */
export async function getMeterPoint(
  db: CommonQueryMethods,
  nmi: string,
  asOf?: Date,
): Promise<MeterPointDetail | null> {
  const point =
    asOf === undefined
      ? await db.maybeOne(sql.type(MeterPointSchema)`
          SELECT nmi, nmi_configuration AS "nmiConfiguration", first_read_at AS "firstReadAt",
            last_read_at AS "lastReadAt"
          FROM meter_points WHERE nmi = ${nmi}`)
      : await db.maybeOne(sql.type(MeterPointSchema)`
          SELECT r.nmi,
            (array_agg(r.nmi_configuration ORDER BY r.current_read_at DESC, r.import_position DESC, r.line DESC))[1]
              AS "nmiConfiguration",
            min(r.previous_read_at) AS "firstReadAt", max(r.current_read_at) AS "lastReadAt"
          FROM register_reads r WHERE r.nmi = ${nmi} AND ${knownBy(asOf)}
          GROUP BY r.nmi`);
  if (point === null) return null;
  const registers = await registersWhere(
    db,
    { registers: sql.fragment`g.nmi = ${nmi}`, reads: sql.fragment`r.nmi = ${nmi}` },
    sql.fragment`g.meter_serial_number, g.nmi_suffix, g.register_id`,
    asOf,
  );
  const latestReadings = await latestReadingsWhere(db, sql.fragment`r.nmi = ${nmi}`, asOf);
  const newest = latestReadings.reduce<Reading | null>(
    (found, r) => (found === null || Date.parse(r.currentReadAt) > Date.parse(found.currentReadAt) ? r : found),
    null,
  );
  return {
    ...(asOf === undefined ? {} : { asOf: toNemIso(asOf) }),
    ...point,
    registers,
    meterSerials: [...new Set(registers.map((r) => r.meterSerial))],
    latestReadings,
    latestActualReadings: await latestReadingsWhere(
      db,
      sql.fragment`r.nmi = ${nmi} AND left(r.current_quality, 1) = 'A'`,
      asOf,
    ),
    nextScheduledReadDate: newest?.nextScheduledReadDate ?? null,
    usage: await usageOf(db, nmi, point.lastReadAt, asOf),
  };
}

export const MeterDetailView = z.object({
  asOf: AsOfView.optional(),
  meterSerial: z.string(),
  nmis: z.array(z.string()),
  registers: z.array(RegisterView),
  latestReadings: z.array(ReadingView),
});
export type MeterDetail = z.output<typeof MeterDetailView>;

/**
 * A meter by its serial, whatever the case it is typed in; answered with the serial as files spell it.
 * Now, or as the service knew it at `asOf`.
 */
export async function getMeter(db: CommonQueryMethods, serial: string, asOf?: Date): Promise<MeterDetail | null> {
  const upper = serial.toUpperCase();
  const registers = await registersWhere(
    db,
    {
      registers: sql.fragment`upper(g.meter_serial_number) = ${upper}`,
      reads: sql.fragment`upper(r.meter_serial_number) = ${upper}`,
    },
    sql.fragment`g.nmi, g.nmi_suffix, g.register_id`,
    asOf,
  );
  const first = registers[0];
  if (first === undefined) return null;
  return {
    ...(asOf === undefined ? {} : { asOf: toNemIso(asOf) }),
    meterSerial: first.meterSerial,
    nmis: [...new Set(registers.map((r) => r.nmi))],
    registers,
    latestReadings: await latestReadingsWhere(db, sql.fragment`upper(r.meter_serial_number) = ${upper}`, asOf),
  };
}

/** Whether a NMI or a meter serial (any case) has any reads at all (known by `asOf`, when given). */
export async function isKnown(
  db: CommonQueryMethods,
  by: 'nmi' | 'serial',
  value: string,
  asOf?: Date,
): Promise<boolean> {
  const lookup =
    asOf !== undefined
      ? sql.fragment`SELECT 1 FROM register_reads r WHERE ${
          by === 'nmi'
            ? sql.fragment`r.nmi = ${value}`
            : sql.fragment`upper(r.meter_serial_number) = ${value.toUpperCase()}`
        } AND ${knownBy(asOf)}`
      : by === 'nmi'
        ? sql.fragment`SELECT 1 FROM meter_points WHERE nmi = ${value}`
        : sql.fragment`SELECT 1 FROM registers WHERE upper(meter_serial_number) = ${value.toUpperCase()}`;
  return db.oneFirst(sql.type(z.object({ known: z.boolean() }))`SELECT EXISTS (${lookup}) AS known`);
}

export const FILE_STATUSES = ['receiving', 'imported', 'rejected'] as const;
export type FileStatus = (typeof FILE_STATUSES)[number];

export const FileSummaryView = z.object({
  fileId: z.string().describe('SHA-256 of the content'),
  fileName: z.string(),
  size: z.number().int().describe('decompressed bytes'),
  channel: z.string(),
  status: z.enum(FILE_STATUSES),
  receivedAt: NemTimeText,
  closedAt: NemTimeText.nullable(),
  fromParticipant: z.string().nullable(),
  toParticipant: z.string().nullable(),
  format: z
    .enum(['NEM12', 'NEM13'])
    .nullable()
    .describe("the 100 header's VersionHeader; null when the header was not valid"),
  registerReads: z.number().int().describe('NEM13: the 250 records imported; 0 for a NEM12 file'),
  intervalDays: z.number().int().describe('NEM12: the 300 records (interval days) imported; 0 for a NEM13 file'),
  b2bDetails: z.number().int().describe('550 records of a NEM13 file, 500 records of a NEM12 file'),
  errorCount: z.number().int(),
  warningCount: z.number().int(),
  receivedPosition: z.string(),
});
export type FileSummary = z.output<typeof FileSummaryView>;
const FileSummaryTransforms = {
  size: z.bigint().transform(Number),
  receivedAt: nemTime,
  closedAt: nemTimeOrNull,
  receivedPosition: z.bigint().transform(String),
};
const FileSummarySchema = FileSummaryView.extend(FileSummaryTransforms);

export const FileDetailView = FileSummaryView.extend({
  container: z.string(),
  zipMember: z.string().nullable(),
  headerCreatedAt: NemTimeText.nullable(),
  lines: z.number().int(),
  errors: z.array(FlowProblemSchema),
  warnings: z.array(FlowProblemSchema),
});
export type FileDetail = z.output<typeof FileDetailView>;
const FileDetailSchema = FileDetailView.extend({ ...FileSummaryTransforms, headerCreatedAt: nemTimeOrNull });

const FILE_COLUMNS = sql.fragment`
  file_id AS "fileId", file_name AS "fileName", size, channel, status, received_at AS "receivedAt",
  closed_at AS "closedAt", from_participant AS "fromParticipant", to_participant AS "toParticipant",
  format, register_reads AS "registerReads", interval_days AS "intervalDays", b2b_details AS "b2bDetails", error_count AS "errorCount",
  warning_count AS "warningCount", received_position AS "receivedPosition"`;

export interface FilesQuery {
  readonly status?: FileStatus;
  /** Part of the file name, case-insensitive, or a SHA-256 prefix. */
  readonly search?: string;
  readonly limit: number;
  readonly cursor?: string;
}

/** Files, newest received first. */
export async function listFiles(db: CommonQueryMethods, query: FilesQuery): Promise<Page<FileSummary>> {
  const conditions: FragmentSqlToken[] = [sql.fragment`TRUE`];
  if (query.status !== undefined) conditions.push(sql.fragment`status = ${query.status}`);
  if (query.search !== undefined && query.search !== '') {
    const escaped = query.search.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`);
    conditions.push(sql.fragment`(lower(file_name) LIKE ${`%${escaped}%`} OR file_id LIKE ${`${escaped}%`})`);
  }
  if (query.cursor !== undefined) {
    const [position] = decodeCursor(query.cursor, z.tuple([CursorPosition]));
    conditions.push(sql.fragment`received_position < ${position}::int8`);
  }
  const rows = await db.any(sql.type(FileSummarySchema)`
    SELECT ${FILE_COLUMNS} FROM files WHERE ${sql.join(conditions, sql.fragment` AND `)}
    ORDER BY received_position DESC LIMIT ${query.limit + 1}`);
  const items = rows.slice(0, query.limit);
  const last = items.at(-1);
  return {
    items,
    nextCursor: rows.length > query.limit && last !== undefined ? encodeCursor([last.receivedPosition]) : null,
  };
}

/** One file by its SHA-256 (or a unique prefix of it) or by its name (the newest of that name). */
export async function getFile(db: CommonQueryMethods, idOrName: string): Promise<FileDetail | null> {
  const byId = /^[0-9a-f]{6,64}$/.test(idOrName);
  return db.maybeOne(sql.type(FileDetailSchema)`
    SELECT ${FILE_COLUMNS}, container, zip_member AS "zipMember", header_created_at AS "headerCreatedAt", lines,
      errors, warnings
    FROM files
    WHERE ${byId ? sql.fragment`file_id LIKE ${`${idOrName}%`} OR file_name = ${idOrName}` : sql.fragment`file_name = ${idOrName}`}
    ORDER BY (file_id = ${idOrName}) DESC, received_position DESC LIMIT 1`);
}

export const FileNmiView = z.object({
  nmi: z.string(),
  readings: z
    .number()
    .int()
    .describe('records of this NMI in the file: register reads (NEM13) or interval days (NEM12)'),
});
export type FileNmi = z.output<typeof FileNmiView>;

/**
 * The register reads of one file: its import position is looked up first, so that the primary key
 * (import_position, line) is read in line order (a join on files would read and sort all the file's lines
 * for every page).
 */
const ofFile = (fileId: string) =>
  sql.fragment`r.import_position = (SELECT closed_position FROM files WHERE file_id = ${fileId})`;

/** The NMIs a file brought readings (or interval days) for, in NMI order: the first `limit`, and whether there are more. */
export async function fileNmis(
  db: CommonQueryMethods,
  fileId: string,
  limit: number,
): Promise<{ items: FileNmi[]; more: boolean }> {
  const rows = await db.any(sql.type(FileNmiView)`
    SELECT nmi, count(*)::int AS readings FROM (
      SELECT r.nmi FROM register_reads r WHERE ${ofFile(fileId)}
      UNION ALL SELECT nmi FROM interval_days WHERE file_id = ${fileId}) AS records
    GROUP BY nmi ORDER BY nmi LIMIT ${limit + 1}`);
  return { items: rows.slice(0, limit), more: rows.length > limit };
}

const FileReadingCursor = z.tuple([z.literal('line'), CursorLine]);

/** The statement of {@link findFileReadings}: a page of a file's readings after `afterLine`, in line order. */
export function fileReadingsStatement(fileId: string, afterLine: number, limit: number) {
  return sql.type(ReadingSchema)`
    SELECT ${READING_COLUMNS}
    FROM register_reads r JOIN files f ON f.closed_position = r.import_position
    WHERE ${ofFile(fileId)} AND r.line > ${afterLine}
    ORDER BY r.line LIMIT ${limit}`;
}

/** The readings one file brought, in the order of its lines (superseded ones included), a page at a time. */
export async function findFileReadings(
  db: CommonQueryMethods,
  fileId: string,
  query: { readonly limit: number; readonly cursor?: string },
): Promise<Page<Reading>> {
  const afterLine = query.cursor === undefined ? 0 : decodeCursor(query.cursor, FileReadingCursor)[1];
  const rows = await db.any(fileReadingsStatement(fileId, afterLine, query.limit + 1));
  const items = rows.slice(0, query.limit);
  const last = items.at(-1);
  return {
    items,
    nextCursor: rows.length > query.limit && last !== undefined ? encodeCursor(['line', last.line]) : null,
  };
}

/**
 * The files a text names, newest first, at most `limit`: by SHA-256 (lower-case hex; whole or its start,
 * at least 6 characters) or by name. More than one means the text is ambiguous.
 */
export async function filesMatching(db: CommonQueryMethods, idOrName: string, limit: number): Promise<FileSummary[]> {
  const byId = /^[0-9a-f]{6,64}$/.test(idOrName);
  return [
    ...(await db.any(sql.type(FileSummarySchema)`
      SELECT ${FILE_COLUMNS} FROM files
      WHERE ${byId ? sql.fragment`file_id LIKE ${`${idOrName}%`} OR file_name = ${idOrName}` : sql.fragment`file_name = ${idOrName}`}
      ORDER BY (file_id = ${idOrName}) DESC, received_position DESC LIMIT ${limit}`)),
  ];
}

/**
 * The stream revision of the ReadingRecorded a reading came from: FileReceived is revision 0 and the
 * file's readings follow in line order, one event each, so it is 1 + the file's readings before it.
 */
export async function readingRevision(db: CommonQueryMethods, fileId: string, line: number): Promise<number> {
  const before = await db.oneFirst(sql.type(z.object({ before: z.number() }))`
    SELECT count(*)::int AS before FROM register_reads r WHERE ${ofFile(fileId)} AND r.line < ${line}`);
  return before + 1;
}
