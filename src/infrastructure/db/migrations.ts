import { sql, type DatabasePool, type QuerySqlToken } from 'slonik';
import { z } from 'zod';

/** Schema changes, in order. Never edit one that has shipped: add another. */
const MIGRATIONS: ReadonlyArray<{ readonly id: string; readonly statements: readonly QuerySqlToken[] }> = [
  {
    id: '001-events',
    statements: [
      sql.unsafe`CREATE TABLE nem_events (
        position bigserial PRIMARY KEY,
        stream_name text NOT NULL,
        stream_revision integer NOT NULL,
        event_id uuid NOT NULL,
        event_type text NOT NULL,
        data jsonb NOT NULL,
        metadata jsonb NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT nem_events_stream_revision_key UNIQUE (stream_name, stream_revision),
        CONSTRAINT nem_events_event_id_key UNIQUE (event_id)
      )`,
    ],
  },
  {
    id: '002-projection-state',
    statements: [
      sql.unsafe`CREATE TABLE projection_state (
        projection text NOT NULL,
        generation integer NOT NULL,
        position bigint,
        active boolean NOT NULL DEFAULT false,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (projection, generation)
      )`,
    ],
  },
  {
    id: '003-events-by-type',
    statements: [sql.unsafe`CREATE INDEX nem_events_type_position ON nem_events (event_type, position)`],
  },
  {
    id: '004-accounts',
    statements: [
      sql.unsafe`CREATE TABLE nem_users (
        id bigserial PRIMARY KEY,
        username text NOT NULL UNIQUE,
        role text NOT NULL CHECK (role IN ('viewer', 'admin')),
        password_hash text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`,
      sql.unsafe`CREATE TABLE nem_api_tokens (
        id bigserial PRIMARY KEY,
        user_id bigint NOT NULL REFERENCES nem_users ON DELETE CASCADE,
        name text NOT NULL,
        token_hash text NOT NULL UNIQUE,
        token_prefix text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        last_used_at timestamptz,
        revoked_at timestamptz
      )`,
      sql.unsafe`CREATE INDEX nem_api_tokens_user_id ON nem_api_tokens (user_id)`,
      sql.unsafe`CREATE INDEX nem_api_tokens_token_prefix ON nem_api_tokens (token_prefix)`,
      sql.unsafe`CREATE TABLE nem_sessions (
        id_hash text PRIMARY KEY,
        user_id bigint NOT NULL REFERENCES nem_users ON DELETE CASCADE,
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        last_seen_at timestamptz
      )`,
      sql.unsafe`CREATE INDEX nem_sessions_user_id ON nem_sessions (user_id)`,
      sql.unsafe`CREATE INDEX nem_sessions_expires_at ON nem_sessions (expires_at)`,
    ],
  },
  {
    id: '005-rebuild-builder',
    statements: [
      // Who is building a generation that is not active yet (host.pid.random), so that a rebuild whose
      // process died is recognised and resumed instead of being left half-built for ever.
      sql.unsafe`ALTER TABLE projection_state ADD COLUMN builder text`,
    ],
  },
  {
    id: '006-token-expiry-and-sign-in-failures',
    statements: [
      sql.unsafe`ALTER TABLE nem_api_tokens ADD COLUMN expires_at timestamptz`,
      // Failed sign-ins per account (`user:<name>`) and per address (`address:<ip>`), shared by every
      // instance of the server, for back-off (see SignInThrottle).
      sql.unsafe`CREATE TABLE nem_sign_in_failures (
        key text PRIMARY KEY,
        failures integer NOT NULL,
        last_failure_at timestamptz NOT NULL,
        blocked_until timestamptz
      )`,
    ],
  },
  {
    id: '007-unknown-event-version',
    statements: [
      // Projections in SQL read each event version's own shape; any other version stops the statement
      // with this error (the same words as UnknownEventVersionError), so no event is skipped silently.
      sql.unsafe`CREATE OR REPLACE FUNCTION nem_unknown_event_version(
          event_id uuid, event_type text, stream_name text, stream_revision integer, event_position bigint, version text)
        RETURNS text LANGUAGE plpgsql AS $fn$
        BEGIN
          RAISE EXCEPTION 'event % (%, % revision %, position %) has schema version %, which this version of nem does not know: upgrade nem to read it',
            event_id, event_type, stream_name, stream_revision, event_position, to_json(version)
            USING ERRCODE = 'data_exception';
        END
        $fn$`,
    ],
  },
  {
    id: '008-originals',
    statements: [
      // The original content of received files, gzip-compressed, in chunks of about 1 MiB so that
      // neither writing nor reading one holds a whole file in memory (docs/adr/0007-keeping-originals.md).
      sql.unsafe`CREATE TABLE nem_originals (
        file_id text PRIMARY KEY,
        basis text NOT NULL CHECK (basis IN ('content', 'raw')),
        size bigint NOT NULL,
        stored_size bigint NOT NULL,
        encoding text NOT NULL CHECK (encoding = 'gzip'),
        stored_at timestamptz NOT NULL DEFAULT now()
      )`,
      sql.unsafe`CREATE TABLE nem_original_chunks (
        file_id text NOT NULL REFERENCES nem_originals ON DELETE CASCADE,
        seq integer NOT NULL,
        bytes bytea NOT NULL,
        PRIMARY KEY (file_id, seq)
      )`,
    ],
  },
  {
    id: '009-side-generations',
    statements: [
      // Labelled read-model generations built beside the live one, from the events up to a position or
      // an instant, for audits (docs/adr/0011-side-by-side-rebuilds.md). Their tables share the live
      // model's names and generation numbers (`register_reads_v2_g7`); no view points at them.
      sql.unsafe`CREATE TABLE read_model_generations (
        label text PRIMARY KEY,
        projection text NOT NULL,
        generation integer NOT NULL UNIQUE,
        until_position bigint,
        until_at timestamptz,
        state text NOT NULL CHECK (state IN ('building', 'ready', 'failed')),
        position bigint,
        events integer NOT NULL DEFAULT 0,
        readings bigint,
        builder text,
        temporary boolean NOT NULL DEFAULT false,
        error text,
        started_at timestamptz NOT NULL DEFAULT now(),
        built_at timestamptz,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`,
    ],
  },
  {
    id: '010-events-file-level-index',
    statements: [
      // The projection runner reads only file-level events by position (readAll with their types), and
      // counts its lag the same way: an index of those rows alone, a few per file, instead of one entry
      // per reading (41 bytes each). The planner uses it for `event_type = ANY(...)` of any other types.
      sql.unsafe`CREATE INDEX nem_events_file_level ON nem_events (position)
        WHERE event_type NOT IN ('ReadingRecorded', 'IntervalDayRecorded')`,
      sql.unsafe`DROP INDEX nem_events_type_position`,
    ],
  },
  {
    id: '011-stream-ids',
    statements: [
      // Each stream's name is kept once, here; an event row names its stream by a 4-byte id instead of the
      // 75-character name it repeated in every row and again in the (stream, revision) key: about 150
      // bytes less per event (docs/events.md#storage-and-indexes). No foreign key from the events: the
      // store writes a stream's row in the transaction of its first append, and a key check per event
      // would be one more index probe per row of a million-row COPY.
      sql.unsafe`CREATE TABLE nem_streams (
        stream_id integer GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
        stream_name text NOT NULL UNIQUE
      )`,
      sql.unsafe`INSERT INTO nem_streams (stream_name)
        SELECT stream_name FROM nem_events GROUP BY stream_name ORDER BY min(position)`,
      // A new table rather than a dropped column, which would leave a null in every new row; the
      // fixed-width columns first, so that none is padded.
      sql.unsafe`CREATE TABLE nem_events_by_stream_id (
        position bigint NOT NULL,
        stream_id integer NOT NULL,
        stream_revision integer NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT now(),
        event_id uuid NOT NULL,
        event_type text NOT NULL,
        data jsonb NOT NULL,
        metadata jsonb NOT NULL
      )`,
      sql.unsafe`INSERT INTO nem_events_by_stream_id
        SELECT e.position, s.stream_id, e.stream_revision, e.recorded_at, e.event_id, e.event_type, e.data, e.metadata
        FROM nem_events e JOIN nem_streams s USING (stream_name)
        ORDER BY e.position`,
      // The positions go on from the same sequence.
      sql.unsafe`ALTER SEQUENCE nem_events_position_seq OWNED BY nem_events_by_stream_id.position`,
      sql.unsafe`ALTER TABLE nem_events_by_stream_id ALTER COLUMN position SET DEFAULT nextval('nem_events_position_seq')`,
      sql.unsafe`DROP TABLE nem_events`,
      sql.unsafe`ALTER TABLE nem_events_by_stream_id RENAME TO nem_events`,
      sql.unsafe`ALTER TABLE nem_events ADD CONSTRAINT nem_events_pkey PRIMARY KEY (position)`,
      sql.unsafe`ALTER TABLE nem_events ADD CONSTRAINT nem_events_stream_revision_key UNIQUE (stream_id, stream_revision)`,
      sql.unsafe`ALTER TABLE nem_events ADD CONSTRAINT nem_events_event_id_key UNIQUE (event_id)`,
      sql.unsafe`CREATE INDEX nem_events_file_level ON nem_events (position)
        WHERE event_type NOT IN ('ReadingRecorded', 'IntervalDayRecorded')`,
    ],
  },
  {
    id: '012-nem12-stream-names',
    statements: [
      // A NEM12 file's stream was named nem13File-<sha256> like every file's (ADR 0012); it is
      // nem12File-<sha256> now (ADR 0014). A NEM12 file is one the NEM12 reader read: its 100 said NEM12,
      // or, when the 100 was not valid, the file was rejected with the NEM12 reader's codes. Event ids do
      // not name the stream, and the stream digest covers the events alone, so audits pass as before.
      sql.unsafe`UPDATE nem_streams SET stream_name = 'nem12File-' || substr(stream_name, 11)
        WHERE starts_with(stream_name, 'nem13File-') AND stream_id IN (
          SELECT stream_id FROM nem_events
          WHERE event_type = 'FileReceived' AND data #>> '{header,versionHeader}' = 'NEM12'
          UNION
          SELECT e.stream_id FROM nem_events e
          WHERE e.event_type = 'FileRejected' AND EXISTS (
            SELECT 1 FROM jsonb_array_elements(e.data -> 'errors') AS problem(p)
            WHERE starts_with(problem.p ->> 'code', 'NEM12_')))`,
    ],
  },
];

// Any constant: it only has to be the same for every process migrating this database.
const MIGRATION_LOCK = 7_361_130_001;

/**
 * Brings the schema up to date, or up to the migration `through` names (to test a later migration on a
 * database of an earlier schema); safe to run from several processes at once.
 */
export async function migrate(pool: DatabasePool, options: { readonly through?: string } = {}): Promise<string[]> {
  const last =
    options.through === undefined ? MIGRATIONS.length - 1 : MIGRATIONS.findIndex((m) => m.id === options.through);
  if (last < 0) throw new RangeError(`no migration ${options.through ?? ''}`);
  return pool.transaction(async (tx) => {
    await tx.query(sql.unsafe`SELECT pg_advisory_xact_lock(${MIGRATION_LOCK})`);
    await tx.query(
      sql.unsafe`CREATE TABLE IF NOT EXISTS nem_schema_migrations (id text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())`,
    );
    const applied = new Set(
      await tx.anyFirst(sql.type(z.object({ id: z.string() }))`SELECT id FROM nem_schema_migrations`),
    );
    const ran: string[] = [];
    for (const migration of MIGRATIONS.slice(0, last + 1)) {
      if (applied.has(migration.id)) continue;
      for (const statement of migration.statements) await tx.query(statement);
      await tx.query(sql.unsafe`INSERT INTO nem_schema_migrations (id) VALUES (${migration.id})`);
      ran.push(migration.id);
    }
    return ran;
  });
}
