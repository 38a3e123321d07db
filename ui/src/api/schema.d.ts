export interface paths {
    "/api/files": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List flow files
         * @description The files received (imported, rejected, or still being received), newest first, one keyset page at a time.
         */
        get: operations["listFiles"];
        put?: never;
        /**
         * Upload flow files
         * @description Imports each file of a multipart/form-data request (field `file`, repeated) as `nem import` does: plain, .gz or single-file .zip, at most 20 files. Each file is judged on its own: one larger than 104857600 bytes, or whose decompressed content is larger than 1073741824 bytes, is `refused` (nothing recorded) while the others are imported. A request that cannot be read as multipart answers 400 with the results of the files read before the fault. The read model is up to date when the answer comes.
         */
        post: operations["uploadFiles"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/files/{file}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A flow file
         * @description One file by its SHA-256 (or a unique start of it) or by its name (the newest of that name), with every error and warning recorded (by line), whether its original is kept, and the NMIs it brought readings for.
         */
        get: operations["getFile"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/files/{file}/events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The stored events of a file's stream
         * @description The events of the file's stream (`nem13File-<sha256>`, or `nem12File-<sha256>` for a NEM12 file) as the event store holds them, in stream order, one keyset page at a time: type, revision, global position, id, when recorded (NEM time), schema version, data and metadata, not upcast. A whole SHA-256 is looked up in the store even when the read model does not know the file; a start of one or a name is looked up in the read model (the newest file of that name).
         */
        get: operations["listFileEvents"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/files/{file}/lines": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Lines of a file as it was sent
         * @description Lines of the file's kept original by number (those of its errors and warnings, say), each with the names of its fields so that the one a problem names can be pointed out. Numbers past the end of the file are left out.
         */
        get: operations["getFileLines"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/files/{file}/original": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Download the original of a file
         * @description The bytes the file's SHA-256 is of: its content as sent (decompressed from .gz or .zip), or the file as it arrived when its container could not be read. `Repr-Digest` carries the SHA-256, so a client can check what it received.
         */
        get: operations["downloadFileOriginal"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/files/{file}/readings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The readings a file brought
         * @description The readings recorded from one file, in the order of its lines, superseded ones included (a later file's version may be in force: see `superseded`).
         */
        get: operations["listFileReadings"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/files/{fileId}/replay": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Replay a file's events into the read model
         * @description Removes the file's rows from the read model and applies its stream's events again (an audit step, or after a suspected inconsistency).
         */
        post: operations["replayFile"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/interval-channels": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The interval channels of a NMI or a meter (NEM12 data)
         * @description Each channel (NMI and suffix) with interval days in force, by NMI then suffix: for `nmi`, all of its channels; for `serial`, the channels on which this meter recorded days (counted only those). None is an empty list, not a 404: a NMI or meter may have register reads only. With `asOf`, the channels and their days as the service knew them then: days of files imported after it do not count, and a day sent again later counts in the version in force then.
         */
        get: operations["listIntervalChannels"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/interval-channels/days": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The daily totals of one interval channel
         * @description The days in force of one channel (NMI and suffix), oldest first, one keyset page at a time (pass `nextCursor` as `cursor`): each day’s exact total, its quality, the intervals per quality flag, and the file and line it came from. No values: a day’s intervals are in `searchIntervalDays`. With `asOf`, the days as the service knew them then (the version in force then, as `searchIntervalDays` with the same `asOf` answers).
         */
        get: operations["listIntervalChannelDays"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/intervals": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The interval days of a NMI or a meter serial (NEM12 data)
         * @description The interval days in force of a meter point (`nmi`) or a meter (`serial`), by NMI, channel (NMI suffix) then day, one keyset page at a time: pass `nextCursor` as `cursor` for the next page. Give exactly one of `nmi` and `serial` (400 otherwise). Values and totals are exact decimals as strings; with `asOf`, the days as the service knew them then. One row per interval: GET /api/intervals/csv.
         */
        get: operations["searchIntervalDays"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/intervals/csv": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Interval data as CSV, one row per interval
         * @description The intervals of the days in force (as `GET /api/intervals` finds them, all pages) as CSV, streamed: one row per interval with its NMI, suffix, meter serial, unit, IntervalDate, interval number and length, start and end instants in NEM time (e.g. `2004-02-01T00:30:00+10:00`; the last interval of a day ends at 00:00 of the next day), exact value, its own quality (from the 400 records on a V day) and reason, the UpdateDateTime, and the file and line of its 300 record. Give exactly one of `nmi` and `serial` (400 otherwise).
         */
        get: operations["exportIntervalsCsv"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/intervals/history": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The history of one interval day
         * @description Every version of one day of one channel (NMI, suffix, IntervalDate) that files sent, ranked as the read model ranks them (newer UpdateDateTime first, a blank one last; then the file imported later; then the later line): which one is in force and why, each with its file, line, UpdateDateTime, day total and the IntervalDayRecorded event that brought it (stream, revision, global position, id, when recorded).
         */
        get: operations["getIntervalDayHistory"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/meter-points/{nmi}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A meter point
         * @description Its configuration, meters, registers and the latest read of each register.
         */
        get: operations["getMeterPoint"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/meters/{serial}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A meter
         * @description The NMIs it served, its registers and the latest read of each.
         */
        get: operations["getMeter"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/projections": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The read model
         * @description Its checkpoint, the head of the event store, and the lag between them.
         */
        get: operations["getProjectionStatus"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/projections/generations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Generations of the read model
         * @description The live read model and the side generations built beside it for audits (label, until, readings, state), with the progress of the side build this server runs.
         */
        get: operations["listGenerations"];
        put?: never;
        /**
         * Build a side generation
         * @description Builds a labelled generation from the events up to a global position or an instant (a day: its start in NEM time) in the background; the live read model keeps serving and catching up, untouched. Poll listGenerations for progress. One build at a time (a side build or a rebuild), across servers.
         */
        post: operations["startGenerationBuild"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/projections/generations/{label}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Drop a side generation
         * @description Drops the side generation and its tables. The live read model cannot be dropped.
         */
        delete: operations["dropGeneration"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/projections/generations/{label}/diff": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Differences between two generations
         * @description The register reads added, removed or changed from the generation `label` to `against` (default `live`), keyed by NMI, NMI suffix, register id, meter serial and current read time, comparing the winning versions; a page at a time in key order.
         */
        get: operations["diffGenerations"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/projections/rebuild": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Progress of a rebuild
         * @description The last rebuild started by this server (or resumed by it): its state and progress.
         */
        get: operations["getRebuildStatus"];
        put?: never;
        /**
         * Rebuild the read model
         * @description Replays every event into new tables in the background while the current ones keep answering, then switches to them; poll getRebuildStatus for progress. A rebuild whose process went away is resumed.
         */
        post: operations["startRebuild"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/readings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Search the register reads of a NMI or a meter serial
         * @description The register reads of a meter point (`nmi`) or a meter (`serial`), newest first, one keyset page at a time: pass `nextCursor` as `cursor` for the next page. Give exactly one of `nmi` and `serial` (400 otherwise). Times are NEM time (+10:00); reads and quantities are exact decimals as strings.
         */
        get: operations["searchReadings"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/readings/history": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The history of one register read
         * @description Every version of one register read (the same NMI, suffix, register, serial and read time) that files sent, ranked as the read model ranks them (newer UpdateDateTime first, then the file imported later, then the later line): which one is in force and why, each with its file and the ReadingRecorded event that brought it (stream, revision, global position, id, when recorded).
         */
        get: operations["getReadingHistory"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/readings/versions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Every version of one register read
         * @description The versions of one register read (the same NMI, suffix, register, serial and read time) that files sent, newest first: the first is the one in force, the others are `superseded`.
         */
        get: operations["getReadingVersions"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/session": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Who is signed in
         * @description The signed-in user and how (session or token); for a session, its CSRF token again.
         */
        get: operations["getSession"];
        put?: never;
        /**
         * Sign in
         * @description Starts a browser session: sets the HttpOnly `nem_session` cookie and the readable `nem_csrf` cookie (also in the answer). Failed sign-ins are counted per account and per client address, shared by every server: past a few, each further one makes that account (at most a minute) or that address (up to 15 minutes) wait, answered with 429 and `Retry-After`. A successful sign-in clears its account. Scripts use API tokens instead.
         */
        post: operations["signIn"];
        /**
         * Sign out
         * @description Ends the session and clears its cookies (with a token: nothing to end).
         */
        delete: operations["signOut"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/tokens": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List API tokens
         * @description Every API token (revoked and expired ones too), oldest first; never the tokens themselves.
         */
        get: operations["listTokens"];
        put?: never;
        /**
         * Create an API token
         * @description A token acts as its user, with their role, sent as `Authorization: Bearer <token>`. The answer is the only time it is shown: only its SHA-256 is kept.
         */
        post: operations["createToken"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/tokens/{token}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Revoke an API token
         * @description Revokes a token named by its id, its prefix or the whole token; it stops working at once here, within seconds on other servers. A revoked token stays listed.
         */
        delete: operations["revokeToken"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/users": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List users
         * @description Every support-staff account, by username.
         */
        get: operations["listUsers"];
        put?: never;
        /**
         * Add a user
         * @description Usernames are 3 to 64 characters of a-z 0-9 . _ - @, case-insensitive (kept lower-case); passwords 12 to 1,024 characters.
         */
        post: operations["addUser"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/users/{username}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Remove a user
         * @description Removes the user with their API tokens and sessions. The last admin cannot be removed.
         */
        delete: operations["removeUser"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/users/{username}/password": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * Set a user's password
         * @description Replaces the user's password and ends their sessions (their API tokens stay valid).
         */
        put: operations["setUserPassword"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/health": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Health
         * @description Whether the database, the event store and the read model answer: `ok` (200) or `degraded` (503), within 4 s, for load balancers. Anyone may ask; the checks themselves are shown to signed-in callers.
         */
        get: operations["getHealth"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        /**
         * @description An API token as listed: never the token itself, which is shown once when it is created.
         * @example {
         *       "id": "1",
         *       "prefix": "nem_Ab3dE6gH",
         *       "name": "nightly import",
         *       "username": "alice",
         *       "createdAt": "2026-11-30T09:00:00+10:00",
         *       "lastUsedAt": "2026-11-30T10:15:02+10:00",
         *       "expiresAt": "2027-02-28T09:00:00+10:00",
         *       "revokedAt": null
         *     }
         */
        ApiToken: {
            /** Format: date-time */
            createdAt: string;
            /** @description until when it works; null: until revoked */
            expiresAt: string | null;
            id: string;
            /** @description written at most once a minute */
            lastUsedAt: string | null;
            name: string;
            /** @description the first characters of the token (`nem_` and 8 more), enough to recognise it */
            prefix: string;
            revokedAt: string | null;
            username: string;
        };
        /**
         * @description A new API token, the only time it is shown.
         * @example {
         *       "id": "2",
         *       "prefix": "nem_Zz9yX8wV",
         *       "token": "nem_Zz9yX8wVq3PbT1mA7cK0dE2fG4hJ6kL8nM9oP1rS3tU",
         *       "expiresAt": "2027-02-28T09:00:00+10:00"
         *     }
         */
        CreatedToken: {
            /** @description NEM time (+10:00); null: until revoked */
            expiresAt: string | null;
            id: string;
            /** @description the first 12 characters, to recognise the token by */
            prefix: string;
            /** @description the token: shown this once, only its SHA-256 is kept */
            token: string;
        };
        /** @description A username (any case) and its password. */
        CredentialsInput: {
            password: string;
            username: string;
        };
        /** @description A page of a file's stored events, in stream order, with how many the stream holds. */
        FileEventPage: {
            /** @description events in the stream in all */
            events: number;
            /** @description SHA-256 of the file */
            fileId: string;
            /** @description as the read model knows it; null when it does not (yet) */
            fileName: string | null;
            items: components["schemas"]["StoredEvent"][];
            /** @description pass as `cursor` for the next page; null on the last page */
            nextCursor: string | null;
            streamName: string;
        };
        /**
         * @description A NMI a file brought register reads or interval days for, with how many.
         * @example {
         *       "nmi": "VDEF005890",
         *       "readings": 2
         *     }
         */
        FileNmi: {
            nmi: string;
            /** @description records of this NMI in the file: register reads (NEM13) or interval days (NEM12) */
            readings: number;
        };
        /** @description A page of flow files, newest received first. */
        FilePage: {
            items: components["schemas"]["FlowFile"][];
            /** @description pass as `cursor` for the next page; null on the last page */
            nextCursor: string | null;
        };
        /**
         * @description A problem found in a flow file: where (line, record, field), a stable code, and what is wrong.
         * @example {
         *       "line": 4,
         *       "record": "250",
         *       "field": "Quantity",
         *       "code": "NEM13_QUANTITY_MISMATCH",
         *       "severity": "warning",
         *       "message": "65 differs from CurrentRegisterRead - PreviousRegisterRead = 9065, and no dial rollover explains it (a multiplier, a demand register or a typo)"
         *     }
         */
        FileProblem: {
            /** @enum {string} */
            code: "NEM13_BAD_ARCHIVE" | "NEM13_NOT_MDFF" | "FILE_TOO_LARGE" | "CONTENT_TOO_LARGE" | "NEM13_ZIP_MEMBERS" | "NEM13_EMPTY_FILE" | "NEM13_INVALID_UTF8" | "NEM13_BINARY_CONTENT" | "NEM13_LINE_TOO_LONG" | "NEM13_BLANK_LINE" | "NEM13_WHITESPACE" | "NEM13_UNKNOWN_RECORD" | "NEM13_NEM12_RECORD" | "NEM13_NEM12_FILE" | "NEM13_BAD_VERSION" | "NEM13_MISSING_100" | "NEM13_DUPLICATE_100" | "NEM13_MISSING_900" | "NEM13_AFTER_900" | "NEM13_ORPHAN_550" | "NEM13_DUPLICATE_550" | "NEM13_FIELD_COUNT" | "NEM13_MISSING_FIELD" | "NEM13_TOO_LONG" | "NEM13_BAD_DATE" | "NEM13_BAD_NUMBER" | "NEM13_BAD_DIRECTION" | "NEM13_BAD_NMI" | "NEM13_BAD_SUFFIX" | "NEM13_BAD_QUALITY" | "NEM13_BAD_REASON" | "NEM13_BAD_UOM" | "NEM13_BAD_TRANSACTION_CODE" | "NEM13_NULL_QUALITY" | "NEM13_METHOD_MISSING" | "NEM13_METHOD_OUT_OF_RANGE" | "NEM13_PREVIOUS_ESTIMATE" | "NEM13_OBSOLETE_REASON" | "NEM13_UNKNOWN_REASON" | "NEM13_REASON_REQUIRED" | "NEM13_DESCRIPTION_REQUIRED" | "NEM13_NEGATIVE_QUANTITY" | "NEM13_QUANTITY_MISMATCH" | "NEM12_NOT_MDFF" | "NEM12_EMPTY_FILE" | "NEM12_INVALID_UTF8" | "NEM12_BINARY_CONTENT" | "NEM12_LINE_TOO_LONG" | "NEM12_BLANK_LINE" | "NEM12_WHITESPACE" | "NEM12_UNKNOWN_RECORD" | "NEM12_NEM13_RECORD" | "NEM12_NEM13_FILE" | "NEM12_BAD_VERSION" | "NEM12_MISSING_100" | "NEM12_DUPLICATE_100" | "NEM12_MISSING_900" | "NEM12_AFTER_900" | "NEM12_NO_DATA" | "NEM12_FIELD_COUNT" | "NEM12_ORPHAN_300" | "NEM12_ORPHAN_400" | "NEM12_ORPHAN_500" | "NEM12_BAD_INTERVAL_LENGTH" | "NEM12_BAD_INTERVAL_RANGE" | "NEM12_INTERVAL_OVERLAP" | "NEM12_INTERVAL_GAP" | "NEM12_INCOMPLETE_400" | "NEM12_MISSING_FIELD" | "NEM12_TOO_LONG" | "NEM12_BAD_DATE" | "NEM12_BAD_NUMBER" | "NEM12_BAD_NMI" | "NEM12_BAD_SUFFIX" | "NEM12_BAD_QUALITY" | "NEM12_BAD_REASON" | "NEM12_BAD_UOM" | "NEM12_BAD_TRANSACTION_CODE" | "NEM12_PARTICIPANT" | "NEM12_METHOD_MISSING" | "NEM12_METHOD_OUT_OF_RANGE" | "NEM12_OBSOLETE_REASON" | "NEM12_UNKNOWN_REASON" | "NEM12_REASON_REQUIRED" | "NEM12_UNEXPECTED_REASON" | "NEM12_DESCRIPTION_REQUIRED";
            field: string | null;
            line: number;
            message: string;
            record: ("100" | "200" | "250" | "300" | "400" | "500" | "550" | "900") | null;
            /** @enum {string} */
            severity: "error" | "warning";
        };
        /** @description A page of the readings a file brought, in the order of its lines (superseded ones included). */
        FileReadingPage: {
            items: components["schemas"]["Reading"][];
            /** @description pass as `cursor` for the next page; null on the last page */
            nextCursor: string | null;
        };
        /**
         * @description A flow file received, named by the SHA-256 of its content, with its status and counts.
         * @example {
         *       "fileId": "97b956fffab72a100defd7441ce6812bdb875ff2eb7cd3c56f990126a79f8e33",
         *       "fileName": "NEM13#0001#MDP#RET.csv",
         *       "size": 345,
         *       "channel": "api",
         *       "status": "imported",
         *       "receivedAt": "2026-11-30T16:05:12+10:00",
         *       "closedAt": "2026-11-30T16:05:12+10:00",
         *       "fromParticipant": "MDA1",
         *       "toParticipant": "Ret1",
         *       "format": "NEM13",
         *       "registerReads": 2,
         *       "intervalDays": 0,
         *       "b2bDetails": 2,
         *       "errorCount": 0,
         *       "warningCount": 3,
         *       "receivedPosition": "1"
         *     }
         */
        FlowFile: {
            /** @description 550 records of a NEM13 file, 500 records of a NEM12 file */
            b2bDetails: number;
            channel: string;
            closedAt: string | null;
            errorCount: number;
            /** @description SHA-256 of the content */
            fileId: string;
            fileName: string;
            /** @description the 100 header's VersionHeader; null when the header was not valid */
            format: ("NEM12" | "NEM13") | null;
            fromParticipant: string | null;
            /** @description NEM12: the 300 records (interval days) imported; 0 for a NEM13 file */
            intervalDays: number;
            /**
             * Format: date-time
             * @description an instant in NEM time (UTC+10:00, no daylight saving), e.g. 2004-01-07T10:03:33+10:00
             */
            receivedAt: string;
            receivedPosition: string;
            /** @description NEM13: the 250 records imported; 0 for a NEM12 file */
            registerReads: number;
            /** @description decompressed bytes */
            size: number;
            /** @enum {string} */
            status: "receiving" | "imported" | "rejected";
            toParticipant: string | null;
            warningCount: number;
        };
        /**
         * @description A flow file with its header facts, every error and warning recorded (by line), its kept original and the NMIs it brought.
         * @example {
         *       "fileId": "97b956fffab72a100defd7441ce6812bdb875ff2eb7cd3c56f990126a79f8e33",
         *       "fileName": "NEM13#0001#MDP#RET.csv",
         *       "size": 345,
         *       "channel": "api",
         *       "status": "imported",
         *       "receivedAt": "2026-11-30T16:05:12+10:00",
         *       "closedAt": "2026-11-30T16:05:12+10:00",
         *       "fromParticipant": "MDA1",
         *       "toParticipant": "Ret1",
         *       "format": "NEM13",
         *       "registerReads": 2,
         *       "intervalDays": 0,
         *       "b2bDetails": 2,
         *       "errorCount": 0,
         *       "warningCount": 3,
         *       "receivedPosition": "1",
         *       "container": "plain",
         *       "zipMember": null,
         *       "headerCreatedAt": "2004-01-10T10:30:00+10:00",
         *       "lines": 6,
         *       "errors": [],
         *       "warnings": [
         *         {
         *           "line": 4,
         *           "record": "250",
         *           "field": "Quantity",
         *           "code": "NEM13_QUANTITY_MISMATCH",
         *           "severity": "warning",
         *           "message": "65 differs from CurrentRegisterRead - PreviousRegisterRead = 9065, and no dial rollover explains it (a multiplier, a demand register or a typo)"
         *         }
         *       ],
         *       "original": {
         *         "basis": "content",
         *         "size": 345,
         *         "storedSize": 231,
         *         "storedAt": "2026-11-30T16:05:12+10:00"
         *       },
         *       "nmis": [
         *         {
         *           "nmi": "VDEF005890",
         *           "readings": 2
         *         }
         *       ],
         *       "moreNmis": false
         *     }
         */
        FlowFileDetail: {
            /** @description 550 records of a NEM13 file, 500 records of a NEM12 file */
            b2bDetails: number;
            channel: string;
            closedAt: string | null;
            container: string;
            errorCount: number;
            errors: components["schemas"]["FileProblem"][];
            /** @description SHA-256 of the content */
            fileId: string;
            fileName: string;
            /** @description the 100 header's VersionHeader; null when the header was not valid */
            format: ("NEM12" | "NEM13") | null;
            fromParticipant: string | null;
            headerCreatedAt: string | null;
            /** @description NEM12: the 300 records (interval days) imported; 0 for a NEM13 file */
            intervalDays: number;
            lines: number;
            /** @description the file brought readings or interval days for more NMIs than listed */
            moreNmis: boolean;
            /** @description the NMIs the file brought readings or interval days for, in order: the first 100 */
            nmis: components["schemas"]["FileNmi"][];
            /** @description the original kept for download and source lines; null when it was larger than the limit, or received before originals were kept */
            original: {
                /**
                 * @description content: what the file holds (decompressed from .gz or .zip); raw: the file as it arrived (a container that could not be read)
                 * @enum {string}
                 */
                basis: "content" | "raw";
                /** @description bytes of the original (the SHA-256 is of these bytes) */
                size: number;
                /**
                 * Format: date-time
                 * @description when it was kept, NEM time (+10:00)
                 */
                storedAt: string;
                /** @description bytes it takes in the database, compressed */
                storedSize: number;
            } | null;
            /**
             * Format: date-time
             * @description an instant in NEM time (UTC+10:00, no daylight saving), e.g. 2004-01-07T10:03:33+10:00
             */
            receivedAt: string;
            receivedPosition: string;
            /** @description NEM13: the 250 records imported; 0 for a NEM12 file */
            registerReads: number;
            /** @description decompressed bytes */
            size: number;
            /** @enum {string} */
            status: "receiving" | "imported" | "rejected";
            toParticipant: string | null;
            warningCount: number;
            warnings: components["schemas"]["FileProblem"][];
            zipMember: string | null;
        };
        /** @description A register read (by NMI, suffix, register, serial and read time) added, removed or changed between two generations, by its winning version. */
        GenerationDifference: {
            /** @description the winning version in the second generation */
            after: {
                currentQuality: string;
                /** @description as sent in the file */
                currentRead: string;
                fileId: string;
                /** @description the file's name, as the generation knows it */
                fileName: string | null;
                line: number;
                /** @description as sent in the file */
                quantity: string;
                /**
                 * Format: date-time
                 * @description an instant in NEM time (+10:00)
                 */
                updatedAt: string;
            } | null;
            /** @description the winning version in the first generation */
            before: {
                currentQuality: string;
                /** @description as sent in the file */
                currentRead: string;
                fileId: string;
                /** @description the file's name, as the generation knows it */
                fileName: string | null;
                line: number;
                /** @description as sent in the file */
                quantity: string;
                /**
                 * Format: date-time
                 * @description an instant in NEM time (+10:00)
                 */
                updatedAt: string;
            } | null;
            /**
             * @description added: only in the second generation; removed: only in the first; changed: in both, differing
             * @enum {string}
             */
            change: "added" | "removed" | "changed";
            /** @description for a change: the columns that differ, with both values as text */
            fields: {
                /** @description the read-model column, camelCase (e.g. `currentRead`, `importPosition`) */
                field: string;
                from: string | null;
                to: string | null;
            }[];
            key: {
                /**
                 * Format: date-time
                 * @description an instant in NEM time (+10:00)
                 */
                currentReadAt: string;
                meterSerial: string;
                nmi: string;
                nmiSuffix: string;
                registerId: string;
            };
        };
        /** @description A page of differences between two generations, in key order. */
        GenerationDiffPage: {
            items: components["schemas"]["GenerationDifference"][];
            /** @description pass as `cursor` for the next page; null on the last page */
            nextCursor: string | null;
        };
        /** @description The live read model, the side generations and the side build of this server. */
        GenerationList: {
            build: components["schemas"]["SideBuildStatus"];
            generations: components["schemas"]["SideGeneration"][];
            live: components["schemas"]["LiveGeneration"];
        };
        /**
         * @description Whether the service can do its work; the checks are shown to signed-in callers only.
         * @example {
         *       "status": "ok"
         *     }
         */
        Health: {
            /** @description signed-in callers only */
            database?: components["schemas"]["HealthCheck"];
            /** @description signed-in callers only */
            eventStore?: components["schemas"]["HealthCheck"];
            /** @description signed-in callers only */
            projection?: {
                checkpoint: string | null;
                head: string | null;
                /** @description events not yet in the read model, when countable */
                lag: number | null;
                ok: boolean;
            };
            /** @enum {string} */
            status: "ok" | "degraded";
        };
        HealthCheck: {
            detail: string;
            ok: boolean;
        };
        /**
         * @description What became of one uploaded file.
         * @example {
         *       "file": "NEM13#0001#MDP#RET.csv",
         *       "sha256": "97b956fffab72a100defd7441ce6812bdb875ff2eb7cd3c56f990126a79f8e33",
         *       "status": "imported",
         *       "format": "NEM13",
         *       "readings": 2,
         *       "registerReads": 2,
         *       "intervalDays": 0,
         *       "errors": [],
         *       "warnings": [],
         *       "errorsOmitted": 0,
         *       "warningsOmitted": 0,
         *       "duplicateOf": null
         *     }
         */
        ImportResult: {
            /** @description for a duplicate: the file as it was first received; null otherwise */
            duplicateOf: {
                /**
                 * Format: date-time
                 * @description when it was first received, NEM time (+10:00)
                 */
                receivedAt: string;
                /**
                 * @description what became of the file when it was first received
                 * @enum {string}
                 */
                status: "imported" | "rejected";
            } | null;
            /** @description the first 1,000 */
            errors: components["schemas"]["FileProblem"][];
            /** @description errors beyond those listed */
            errorsOmitted: number;
            /** @description the name the file was uploaded with */
            file: string;
            /** @description the format its 100 header names, which chose the reader: NEM12 (interval data) or NEM13 (register reads); null when it was refused unread */
            format: ("NEM12" | "NEM13") | null;
            /** @description interval days (300 records, each one IntervalDayRecorded) the file brought: a NEM12 file’s (for a duplicate: when it was imported) */
            intervalDays: number;
            /** @description records the file brought, of either kind: `registerReads` + `intervalDays` (kept for older clients; for a duplicate: when it was imported) */
            readings: number;
            /** @description register reads (250 records) the file brought: a NEM13 file’s (for a duplicate: when it was imported) */
            registerReads: number;
            /** @description the file's identity; null when it was refused (not read whole) */
            sha256: string | null;
            /**
             * @description imported; duplicate (already received: nothing appended); rejected (recorded with its errors, no reading); refused (larger than a limit: nothing recorded, the error says which)
             * @enum {string}
             */
            status: "imported" | "duplicate" | "rejected" | "refused";
            /** @description the first 1,000 */
            warnings: components["schemas"]["FileProblem"][];
            /** @description warnings beyond those listed */
            warningsOmitted: number;
        };
        /**
         * @description An interval channel of NEM12 data (a NMI and suffix) over its days in force: serial, unit and interval length of its newest day, how many days, the first and the last.
         * @example {
         *       "nmi": "CCCC123456",
         *       "nmiSuffix": "E1",
         *       "registerId": "001",
         *       "meterSerialNumber": "METSER123",
         *       "uom": "kWh",
         *       "intervalLength": 30,
         *       "days": 1,
         *       "firstDate": "2004-04-17",
         *       "lastDate": "2004-04-17"
         *     }
         */
        IntervalChannel: {
            /** @description days of this channel in force (at `asOf`, when given) */
            days: number;
            /**
             * Format: date
             * @description its first IntervalDate
             */
            firstDate: string;
            /** @description minutes per interval (5, 15 or 30) of its newest day */
            intervalLength: number;
            /**
             * Format: date
             * @description its last IntervalDate
             */
            lastDate: string;
            /** @description the MeterSerialNumber of its newest day */
            meterSerialNumber: string | null;
            nmi: string;
            /** @description the NMISuffix of the channel, e.g. `E1` */
            nmiSuffix: string;
            /** @description the RegisterID of its newest day */
            registerId: string | null;
            /** @description the unit of its newest day, as sent */
            uom: string;
        };
        /**
         * @description One day of one interval channel, the version in force, without its values: its exact total, the intervals per quality and the file it came from. The values are in `searchIntervalDays` (`from` and `to` the day).
         * @example {
         *       "intervalDate": "2004-04-17",
         *       "dayTotal": "1077.858",
         *       "uom": "kWh",
         *       "intervalLength": 30,
         *       "quality": "V",
         *       "qualitySummary": {
         *         "A": 4,
         *         "F": 20,
         *         "S": 24
         *       },
         *       "meterSerialNumber": "METSER123",
         *       "updatedAt": "2004-04-18T10:35:00.000Z",
         *       "fileId": "5d3f0c3b0b9d6cbd5f3f2e4ce8c2a9e1c46e4d5cdb0c7fbb3c35a0d8c22a9f01",
         *       "fileName": "Example_NEM12_multiple_quality.csv",
         *       "line": 3,
         *       "versions": 1
         *     }
         */
        IntervalChannelDay: {
            /** @description the exact sum of the day’s interval values */
            dayTotal: string;
            /** @description SHA-256 of the file that sent the version in force */
            fileId: string;
            fileName: string;
            /**
             * Format: date
             * @description the IntervalDate (NEM time): interval i ends at 00:00 + i x intervalLength, +10:00
             */
            intervalDate: string;
            /** @description minutes per interval (5, 15 or 30) */
            intervalLength: number;
            /** @description the line of its 300 record */
            line: number;
            /** @description the MeterSerialNumber of the 200 it came under */
            meterSerialNumber: string | null;
            /** @description the 300 QualityMethod as sent; V when intervalQuality gives it per interval */
            quality: string;
            /** @description intervals per quality flag (A, E, S, F, N) */
            qualitySummary: {
                [key: string]: number;
            };
            /** @description the unit, as sent */
            uom: string;
            /** @description the UpdateDateTime, UTC (ISO 8601) */
            updatedAt: string | null;
            /** @description how many versions of this day files sent (known at `asOf`, when given); the one in force is the one shown */
            versions: number;
        };
        /** @description A page of the days of one interval channel, oldest first (as known at `asOf`, when it is given). */
        IntervalChannelDayPage: {
            /**
             * Format: date-time
             * @description the answer is as the service knew it at this instant (NEM time): only files whose FileImported was recorded by then (to the second) count, and of their versions of a register read the one winning then
             */
            asOf?: string;
            items: components["schemas"]["IntervalChannelDay"][];
            /** @description pass as `cursor` for the next page; null on the last page */
            nextCursor: string | null;
        };
        /** @description The interval channels of a NMI or of a meter (as known at `asOf`, when it is given). */
        IntervalChannelList: {
            /**
             * Format: date-time
             * @description the answer is as the service knew it at this instant (NEM time): only files whose FileImported was recorded by then (to the second) count, and of their versions of a register read the one winning then
             */
            asOf?: string;
            /** @description by NMI, then suffix */
            items: components["schemas"]["IntervalChannel"][];
        };
        /** @description One day of one interval channel (a NEM12 300 record with its 400s), a version: in a search the one in force (the newest by UpdateDateTime, then import order, then line). */
        IntervalDay: {
            /** @description the exact sum of the values */
            dayTotal: string;
            fileId: string;
            fileName: string;
            /**
             * Format: date-time
             * @description when the file's FileImported was recorded, to the second
             */
            importedAt: string;
            /** @description global position of the file's FileImported: the import order */
            importPosition: string;
            /**
             * Format: date
             * @description the IntervalDate (NEM time): interval i ends at 00:00 + i x intervalLength, +10:00
             */
            intervalDate: string;
            /** @description minutes: 5, 15 or 30 */
            intervalLength: number;
            /** @description a V day's 400 records: runs of intervals covering the day in order; null on other days */
            intervalQuality: {
                /** @description first interval of the run, 1-based */
                from: number;
                /** @description QualityMethod of these intervals, e.g. A or S14 */
                quality: string;
                reasonCode: number | null;
                reasonDescription: string | null;
                /** @description last interval of the run, inclusive */
                to: number;
            }[] | null;
            /** @description the line of the 300 record in its file */
            line: number;
            meterSerialNumber: string | null;
            nmi: string;
            nmiSuffix: string;
            /** @description the 300 QualityMethod as sent; V when intervalQuality gives it per interval */
            quality: string;
            /** @description intervals per quality flag (A, E, S, F, N) */
            qualitySummary: {
                [key: string]: number;
            };
            reasonCode: number | null;
            reasonDescription: string | null;
            registerId: string | null;
            /** @description a later version of this day is in force (at `asOf`, when given) */
            superseded: boolean;
            uom: string;
            /** @description the UpdateDateTime, NEM time (+10:00); null when the 300 left it blank */
            updatedAt: string | null;
            /** @description the 1440 / intervalLength interval values in order, exact decimals */
            values: string[];
            /** @description how many versions of this day files sent (known at `asOf`, when given); 1 when never sent again */
            versions: number;
        };
        /** @description Every version of one interval day that files sent, ranked (the one in force first), each with its file, line and the IntervalDayRecorded event behind it. */
        IntervalDayHistory: {
            key: {
                /** Format: date */
                intervalDate: string;
                nmi: string;
                nmiSuffix: string;
            };
            /** @description ranked: the version in force first */
            versions: {
                day: {
                    /** @description the exact sum of the values */
                    dayTotal: string;
                    fileId: string;
                    fileName: string;
                    /**
                     * Format: date-time
                     * @description when the file's FileImported was recorded, to the second
                     */
                    importedAt: string;
                    /** @description global position of the file's FileImported: the import order */
                    importPosition: string;
                    /**
                     * Format: date
                     * @description the IntervalDate (NEM time): interval i ends at 00:00 + i x intervalLength, +10:00
                     */
                    intervalDate: string;
                    /** @description minutes: 5, 15 or 30 */
                    intervalLength: number;
                    /** @description a V day's 400 records: runs of intervals covering the day in order; null on other days */
                    intervalQuality: {
                        /** @description first interval of the run, 1-based */
                        from: number;
                        /** @description QualityMethod of these intervals, e.g. A or S14 */
                        quality: string;
                        reasonCode: number | null;
                        reasonDescription: string | null;
                        /** @description last interval of the run, inclusive */
                        to: number;
                    }[] | null;
                    /** @description the line of the 300 record in its file */
                    line: number;
                    meterSerialNumber: string | null;
                    nmi: string;
                    nmiSuffix: string;
                    /** @description the 300 QualityMethod as sent; V when intervalQuality gives it per interval */
                    quality: string;
                    /** @description intervals per quality flag (A, E, S, F, N) */
                    qualitySummary: {
                        [key: string]: number;
                    };
                    reasonCode: number | null;
                    reasonDescription: string | null;
                    registerId: string | null;
                    /** @description a later version of this day is in force (at `asOf`, when given) */
                    superseded: boolean;
                    uom: string;
                    /** @description the UpdateDateTime, NEM time (+10:00); null when the 300 left it blank */
                    updatedAt: string | null;
                    /** @description the 1440 / intervalLength interval values in order, exact decimals */
                    values: string[];
                    /** @description how many versions of this day files sent (known at `asOf`, when given); 1 when never sent again */
                    versions: number;
                };
                /**
                 * @description what set this version apart from the one it is ranked against (the in-force version from the next one; any other from the in-force one): onlyVersion, updateDateTime, importOrder (same UpdateDateTime), line (same UpdateDateTime and file)
                 * @enum {string}
                 */
                decidedBy: "onlyVersion" | "updateDateTime" | "importOrder" | "line";
                /** @description the IntervalDayRecorded event that brought this version; null when the store has no event with the expected id at the revision the read model gives (the two disagree: verify them) */
                event: components["schemas"]["ReadingEvent"] | null;
                inForce: boolean;
                /** @description 1 is the version in force; then by UpdateDateTime, import order and line */
                rank: number;
                /** @description the same for people, e.g. "newer UpdateDateTime" */
                reason: string;
            }[];
        };
        /** @description A page of interval days, by NMI, channel (suffix) then day. */
        IntervalDayPage: {
            /**
             * Format: date-time
             * @description the answer is as the service knew it at this instant (NEM time): only files whose FileImported was recorded by then (to the second) count, and of their versions of a register read the one winning then
             */
            asOf?: string;
            items: components["schemas"]["IntervalDay"][];
            /** @description pass as `cursor` for the next page; null on the last page */
            nextCursor: string | null;
        };
        /** @description The live read model: the generation the views point at. */
        LiveGeneration: {
            /** @description global position of the last event applied; it keeps moving */
            checkpoint: string | null;
            generation: number;
            projection: string;
            /** @description register reads (every version) */
            readings: number;
        };
        /**
         * @description A meter (by serial number): the NMIs it served, its registers and the latest read of each.
         * @example {
         *       "meterSerial": "MET12345",
         *       "nmis": [
         *         "VDEF005890"
         *       ],
         *       "registers": [
         *         {
         *           "nmi": "VDEF005890",
         *           "meterSerial": "MET12345",
         *           "nmiSuffix": "11",
         *           "registerId": "1",
         *           "direction": "E",
         *           "uom": "kWh",
         *           "mdmDataStreamIdentifier": "11",
         *           "firstReadAt": "2004-01-08T10:30:55+10:00",
         *           "lastReadAt": "2004-04-08T00:00:00+10:00"
         *         }
         *       ],
         *       "latestReadings": [
         *         {
         *           "fileId": "97b956fffab72a100defd7441ce6812bdb875ff2eb7cd3c56f990126a79f8e33",
         *           "line": 2,
         *           "fileName": "NEM13#0001#MDP#RET.csv",
         *           "fileReceivedAt": "2026-11-30T16:05:12+10:00",
         *           "nmi": "VDEF005890",
         *           "nmiConfiguration": "1141",
         *           "nmiSuffix": "11",
         *           "registerId": "1",
         *           "mdmDataStreamIdentifier": "11",
         *           "meterSerial": "MET12345",
         *           "direction": "E",
         *           "previousRead": "000888",
         *           "previousReadValue": "888",
         *           "previousReadAt": "2004-01-08T10:30:55+10:00",
         *           "previousQuality": "A",
         *           "previousReasonCode": null,
         *           "previousReasonDescription": null,
         *           "currentRead": "000999",
         *           "currentReadValue": "999",
         *           "currentReadAt": "2004-04-08T00:00:00+10:00",
         *           "currentQuality": "E64",
         *           "currentReasonCode": null,
         *           "currentReasonDescription": null,
         *           "quantity": "111",
         *           "quantityValue": "111",
         *           "uom": "kWh",
         *           "uomText": "kWh",
         *           "nextScheduledReadDate": "2004-04-08",
         *           "updatedAt": "2004-04-09T00:00:00+10:00",
         *           "msatsLoadedAt": "2004-01-09T10:30:23+10:00",
         *           "previousTransactionCode": "N",
         *           "previousRetailerServiceOrder": null,
         *           "currentTransactionCode": "E",
         *           "currentRetailerServiceOrder": null,
         *           "importPosition": "7",
         *           "superseded": false,
         *           "corrected": false
         *         }
         *       ]
         *     }
         */
        Meter: {
            /**
             * Format: date-time
             * @description the answer is as the service knew it at this instant (NEM time): only files whose FileImported was recorded by then (to the second) count, and of their versions of a register read the one winning then
             */
            asOf?: string;
            latestReadings: components["schemas"]["Reading"][];
            meterSerial: string;
            nmis: string[];
            registers: components["schemas"]["Register"][];
        };
        /**
         * @description A meter point (NMI): its configuration, meters and registers, the latest read and the latest actual read of each register, its use per read period and over the last 12 months, and its next scheduled read.
         * @example {
         *       "nmi": "VDEF005890",
         *       "nmiConfiguration": "1141",
         *       "firstReadAt": "2004-01-08T10:30:55+10:00",
         *       "lastReadAt": "2004-04-08T00:00:00+10:00",
         *       "registers": [
         *         {
         *           "nmi": "VDEF005890",
         *           "meterSerial": "MET12345",
         *           "nmiSuffix": "11",
         *           "registerId": "1",
         *           "direction": "E",
         *           "uom": "kWh",
         *           "mdmDataStreamIdentifier": "11",
         *           "firstReadAt": "2004-01-08T10:30:55+10:00",
         *           "lastReadAt": "2004-04-08T00:00:00+10:00"
         *         }
         *       ],
         *       "meterSerials": [
         *         "MET12345"
         *       ],
         *       "latestReadings": [
         *         {
         *           "fileId": "97b956fffab72a100defd7441ce6812bdb875ff2eb7cd3c56f990126a79f8e33",
         *           "line": 2,
         *           "fileName": "NEM13#0001#MDP#RET.csv",
         *           "fileReceivedAt": "2026-11-30T16:05:12+10:00",
         *           "nmi": "VDEF005890",
         *           "nmiConfiguration": "1141",
         *           "nmiSuffix": "11",
         *           "registerId": "1",
         *           "mdmDataStreamIdentifier": "11",
         *           "meterSerial": "MET12345",
         *           "direction": "E",
         *           "previousRead": "000888",
         *           "previousReadValue": "888",
         *           "previousReadAt": "2004-01-08T10:30:55+10:00",
         *           "previousQuality": "A",
         *           "previousReasonCode": null,
         *           "previousReasonDescription": null,
         *           "currentRead": "000999",
         *           "currentReadValue": "999",
         *           "currentReadAt": "2004-04-08T00:00:00+10:00",
         *           "currentQuality": "E64",
         *           "currentReasonCode": null,
         *           "currentReasonDescription": null,
         *           "quantity": "111",
         *           "quantityValue": "111",
         *           "uom": "kWh",
         *           "uomText": "kWh",
         *           "nextScheduledReadDate": "2004-04-08",
         *           "updatedAt": "2004-04-09T00:00:00+10:00",
         *           "msatsLoadedAt": "2004-01-09T10:30:23+10:00",
         *           "previousTransactionCode": "N",
         *           "previousRetailerServiceOrder": null,
         *           "currentTransactionCode": "E",
         *           "currentRetailerServiceOrder": null,
         *           "importPosition": "7",
         *           "superseded": false,
         *           "corrected": false
         *         }
         *       ],
         *       "latestActualReadings": [],
         *       "nextScheduledReadDate": "2004-04-08",
         *       "usage": {
         *         "periods": [
         *           {
         *             "meterSerial": "MET12345",
         *             "nmiSuffix": "11",
         *             "registerId": "1",
         *             "direction": "E",
         *             "uom": "kWh",
         *             "from": "2004-01-08T10:30:55+10:00",
         *             "to": "2004-04-08T00:00:00+10:00",
         *             "days": "90.56",
         *             "quantity": "111",
         *             "perDay": "1.226",
         *             "quality": "E64",
         *             "corrected": false,
         *             "fileId": "97b956fffab72a100defd7441ce6812bdb875ff2eb7cd3c56f990126a79f8e33",
         *             "line": 2
         *           }
         *         ],
         *         "last12Months": [
         *           {
         *             "direction": "E",
         *             "uom": "kWh",
         *             "quantity": "111",
         *             "reads": 1,
         *             "from": "2004-01-08T10:30:55+10:00",
         *             "to": "2004-04-08T00:00:00+10:00"
         *           }
         *         ]
         *       }
         *     }
         */
        MeterPoint: {
            /**
             * Format: date-time
             * @description the answer is as the service knew it at this instant (NEM time): only files whose FileImported was recorded by then (to the second) count, and of their versions of a register read the one winning then
             */
            asOf?: string;
            /**
             * Format: date-time
             * @description an instant in NEM time (UTC+10:00, no daylight saving), e.g. 2004-01-07T10:03:33+10:00
             */
            firstReadAt: string;
            /**
             * Format: date-time
             * @description an instant in NEM time (UTC+10:00, no daylight saving), e.g. 2004-01-07T10:03:33+10:00
             */
            lastReadAt: string;
            /** @description the newest reading of each register whose current read is actual (quality A), where there is one */
            latestActualReadings: components["schemas"]["Reading"][];
            /** @description the newest (non-superseded) reading of each register */
            latestReadings: components["schemas"]["Reading"][];
            meterSerials: string[];
            /** @description the NextScheduledReadDate of the NMI's newest reading */
            nextScheduledReadDate: string | null;
            nmi: string;
            nmiConfiguration: string;
            registers: components["schemas"]["Register"][];
            usage: {
                /** @description per direction and unit: the reads whose current read is in the 12 months up to the last read */
                last12Months: {
                    direction: string;
                    /**
                     * Format: date-time
                     * @description the earliest previous read of those summed: the total covers from here
                     */
                    from: string;
                    /** @description exact sum of the quantities */
                    quantity: string;
                    /** @description reads summed */
                    reads: number;
                    /**
                     * Format: date-time
                     * @description the latest current read of those summed
                     */
                    to: string;
                    uom: string;
                }[];
                /** @description the read periods ending in the 3 years up to the last read (at most 500), oldest first */
                periods: {
                    /** @description files sent more than one version of this read */
                    corrected: boolean;
                    /** @description length of the period in days, exact to the second (2 decimals) */
                    days: string;
                    /** @description E: energy delivered to the customer (consumption); I: from the customer (generation) */
                    direction: string;
                    fileId: string;
                    /**
                     * Format: date-time
                     * @description the previous read
                     */
                    from: string;
                    line: number;
                    meterSerial: string;
                    nmiSuffix: string;
                    /** @description quantity per day (3 decimals); null for a period of no length */
                    perDay: string | null;
                    /** @description quality and method of the current read, e.g. A, E64 */
                    quality: string;
                    /** @description exact decimal, as the file stated it */
                    quantity: string;
                    registerId: string;
                    /**
                     * Format: date-time
                     * @description the current read
                     */
                    to: string;
                    uom: string;
                }[];
            };
        };
        NewPasswordInput: {
            password: string;
        };
        NewTokenInput: {
            /**
             * Format: date-time
             * @description until when it works (in the future); absent: until revoked
             */
            expiresAt?: string;
            /** @description what it is for, e.g. `nightly import` */
            name: string;
            /** @description whose token it is */
            username: string;
        };
        NewUserInput: {
            password: string;
            /** @enum {string} */
            role: "viewer" | "admin";
            username: string;
        };
        /**
         * @description An error, as RFC 9457 problem details (`application/problem+json`).
         * @example {
         *       "type": "urn:nem:problem:bad-request",
         *       "title": "The request is not valid",
         *       "status": 400,
         *       "detail": "the request's querystring is not valid",
         *       "code": "BAD_REQUEST",
         *       "issues": [
         *         {
         *           "path": "querystring.from",
         *           "message": "expected a real day as YYYY-MM-DD"
         *         }
         *       ]
         *     }
         */
        Problem: {
            /** @description the kind of problem, stable, for programs: `BAD_CURSOR`, `UNAVAILABLE`, ... */
            code: string;
            /** @description this occurrence, for people */
            detail: string;
            /** @description what is wrong with the request, field by field */
            issues?: components["schemas"]["ProblemIssue"][];
            /** @description the HTTP status */
            status: number;
            /** @description the kind of problem, for people: the same for every occurrence */
            title: string;
            /** @description the kind of problem, as a URI (`urn:nem:problem:<code>`) */
            type: string;
        };
        /** @description One thing wrong with the request. */
        ProblemIssue: {
            message: string;
            /** @description where in the request, e.g. `querystring.nmi` */
            path: string;
        };
        /**
         * @description How far the read model is behind the event store.
         * @example {
         *       "projection": "read_model_v4",
         *       "generation": 1,
         *       "checkpoint": "30207",
         *       "head": "30207",
         *       "lag": 0,
         *       "upToDate": true
         *     }
         */
        ProjectionStatus: {
            /** @description global position of the last event applied; null: none yet */
            checkpoint: string | null;
            /** @description which set of its tables serves (a rebuild makes the next) */
            generation: number;
            /** @description global position of the newest event in the store; null: empty */
            head: string | null;
            /** @description events not yet applied, when the store can count them (a file's readings are applied with its FileImported: those of a file still being imported, or of an import that died, do not count) */
            lag: number | null;
            /** @description the read model and its version, e.g. `read_model_v4` */
            projection: string;
            upToDate: boolean;
        };
        /**
         * @description One register read (a 250 record, with its 550): exact decimals as strings (the text as sent, and its value), instants in NEM time (+10:00), days as YYYY-MM-DD.
         * @example {
         *       "fileId": "97b956fffab72a100defd7441ce6812bdb875ff2eb7cd3c56f990126a79f8e33",
         *       "line": 2,
         *       "fileName": "NEM13#0001#MDP#RET.csv",
         *       "fileReceivedAt": "2026-11-30T16:05:12+10:00",
         *       "nmi": "VDEF005890",
         *       "nmiConfiguration": "1141",
         *       "nmiSuffix": "11",
         *       "registerId": "1",
         *       "mdmDataStreamIdentifier": "11",
         *       "meterSerial": "MET12345",
         *       "direction": "E",
         *       "previousRead": "000888",
         *       "previousReadValue": "888",
         *       "previousReadAt": "2004-01-08T10:30:55+10:00",
         *       "previousQuality": "A",
         *       "previousReasonCode": null,
         *       "previousReasonDescription": null,
         *       "currentRead": "000999",
         *       "currentReadValue": "999",
         *       "currentReadAt": "2004-04-08T00:00:00+10:00",
         *       "currentQuality": "E64",
         *       "currentReasonCode": null,
         *       "currentReasonDescription": null,
         *       "quantity": "111",
         *       "quantityValue": "111",
         *       "uom": "kWh",
         *       "uomText": "kWh",
         *       "nextScheduledReadDate": "2004-04-08",
         *       "updatedAt": "2004-04-09T00:00:00+10:00",
         *       "msatsLoadedAt": "2004-01-09T10:30:23+10:00",
         *       "previousTransactionCode": "N",
         *       "previousRetailerServiceOrder": null,
         *       "currentTransactionCode": "E",
         *       "currentRetailerServiceOrder": null,
         *       "importPosition": "7",
         *       "superseded": false,
         *       "corrected": false
         *     }
         */
        Reading: {
            /** @description files sent more than one version of this register read */
            corrected: boolean;
            currentQuality: string;
            /** @description as sent in the file */
            currentRead: string;
            /**
             * Format: date-time
             * @description an instant in NEM time (UTC+10:00, no daylight saving), e.g. 2004-01-07T10:03:33+10:00
             */
            currentReadAt: string;
            /** @description exact decimal */
            currentReadValue: string;
            currentReasonCode: number | null;
            currentReasonDescription: string | null;
            currentRetailerServiceOrder: string | null;
            currentTransactionCode: string | null;
            direction: string;
            fileId: string;
            fileName: string;
            /**
             * Format: date-time
             * @description an instant in NEM time (UTC+10:00, no daylight saving), e.g. 2004-01-07T10:03:33+10:00
             */
            fileReceivedAt: string;
            /** @description global position of the file's FileImported: the import order */
            importPosition: string;
            line: number;
            mdmDataStreamIdentifier: string | null;
            meterSerial: string;
            msatsLoadedAt: string | null;
            /** @description NextScheduledReadDate: the day of the next scheduled read */
            nextScheduledReadDate: string | null;
            nmi: string;
            nmiConfiguration: string;
            nmiSuffix: string;
            previousQuality: string;
            /** @description as sent in the file */
            previousRead: string;
            /**
             * Format: date-time
             * @description an instant in NEM time (UTC+10:00, no daylight saving), e.g. 2004-01-07T10:03:33+10:00
             */
            previousReadAt: string;
            /** @description exact decimal */
            previousReadValue: string;
            previousReasonCode: number | null;
            previousReasonDescription: string | null;
            previousRetailerServiceOrder: string | null;
            previousTransactionCode: string | null;
            /** @description as sent in the file */
            quantity: string;
            /** @description exact decimal */
            quantityValue: string;
            registerId: string;
            /** @description a later version of this register read is in force */
            superseded: boolean;
            /** @description normalised unit */
            uom: string;
            /** @description unit as sent */
            uomText: string;
            /**
             * Format: date-time
             * @description an instant in NEM time (UTC+10:00, no daylight saving), e.g. 2004-01-07T10:03:33+10:00
             */
            updatedAt: string;
        };
        /** @description Where the ReadingRecorded event that brought a version of a register read is in the event store. */
        ReadingEvent: {
            eventId: string;
            /** @description the event's global position, a whole number */
            position: string;
            /**
             * Format: date-time
             * @description when the store recorded the event, NEM time (+10:00)
             */
            recordedAt: string;
            revision: number;
            streamName: string;
        };
        /** @description Every version of one register read (NMI, suffix, register, serial, read time) that files sent, ranked (UpdateDateTime, then import order, then line), each with the event that brought it and why it ranks where it does. */
        ReadingHistory: {
            key: {
                /**
                 * Format: date-time
                 * @description NEM time (+10:00)
                 */
                currentReadAt: string;
                meterSerial: string;
                nmi: string;
                nmiSuffix: string;
                registerId: string;
            };
            /** @description ranked: the version in force first */
            versions: components["schemas"]["ReadingVersion"][];
        };
        /** @description A page of readings, with how many match in all and what was matched. */
        ReadingPage: {
            /**
             * Format: date-time
             * @description the answer is as the service knew it at this instant (NEM time): only files whose FileImported was recorded by then (to the second) count, and of their versions of a register read the one winning then
             */
            asOf?: string;
            items: components["schemas"]["Reading"][];
            matched: components["schemas"]["SearchMatch"];
            /** @description pass as `cursor` for the next page; null on the last page */
            nextCursor: string | null;
            total: components["schemas"]["Total"];
        };
        /** @description One version of a register read: its rank and why, the reading, and the event that brought it. */
        ReadingVersion: {
            /**
             * @description what set this version apart from the one it is ranked against (the in-force version from the next one; any other from the in-force one): onlyVersion, updateDateTime, importOrder (same UpdateDateTime), line (same UpdateDateTime and file)
             * @enum {string}
             */
            decidedBy: "onlyVersion" | "updateDateTime" | "importOrder" | "line";
            /** @description the ReadingRecorded event that brought this version; null when the store has no event with the expected id at the revision the read model gives (the two disagree: verify them) */
            event: components["schemas"]["ReadingEvent"] | null;
            inForce: boolean;
            /** @description 1 is the version in force; then by UpdateDateTime, import order and line */
            rank: number;
            reading: components["schemas"]["Reading"];
            /** @description the same for people, e.g. "newer UpdateDateTime" or "same UpdateDateTime, imported later" */
            reason: string;
        };
        /**
         * @description The last rebuild of the read model started by this server.
         * @example {
         *       "state": "running",
         *       "startedAt": "2026-11-30T16:20:00+10:00",
         *       "finishedAt": null,
         *       "eventsApplied": 112,
         *       "generation": 2,
         *       "resumed": false,
         *       "progress": {
         *         "done": 12345,
         *         "total": 30207,
         *         "fraction": 0.41,
         *         "eventsPerSecond": 2100,
         *         "secondsLeft": 9
         *       },
         *       "error": null
         *     }
         */
        RebuildStatus: {
            error: string | null;
            eventsApplied: number;
            /** @description NEM time (+10:00) */
            finishedAt: string | null;
            /** @description the generation being built, or built */
            generation: number | null;
            /** @description how far it has come; null before it started */
            progress: {
                /** @description events replayed (by position, readings included) */
                done: number;
                /** @description the rate so far; null before the first batch */
                eventsPerSecond: number | null;
                fraction: number;
                /** @description an estimate; null before the first batch */
                secondsLeft: number | null;
                /** @description events to replay, up to the head of the store (it may grow) */
                total: number;
            } | null;
            /** @description whether it continues a rebuild whose process went away */
            resumed: boolean;
            /** @description NEM time (+10:00) */
            startedAt: string | null;
            /** @enum {string} */
            state: "idle" | "running" | "succeeded" | "failed" | "stopped";
        };
        /**
         * @description A register of a meter at a meter point (NMI suffix and register id), with its first and last read.
         * @example {
         *       "nmi": "VDEF005890",
         *       "meterSerial": "MET12345",
         *       "nmiSuffix": "11",
         *       "registerId": "1",
         *       "direction": "E",
         *       "uom": "kWh",
         *       "mdmDataStreamIdentifier": "11",
         *       "firstReadAt": "2004-01-08T10:30:55+10:00",
         *       "lastReadAt": "2004-04-08T00:00:00+10:00"
         *     }
         */
        Register: {
            direction: string;
            /**
             * Format: date-time
             * @description an instant in NEM time (UTC+10:00, no daylight saving), e.g. 2004-01-07T10:03:33+10:00
             */
            firstReadAt: string;
            /**
             * Format: date-time
             * @description an instant in NEM time (UTC+10:00, no daylight saving), e.g. 2004-01-07T10:03:33+10:00
             */
            lastReadAt: string;
            mdmDataStreamIdentifier: string | null;
            meterSerial: string;
            nmi: string;
            nmiSuffix: string;
            registerId: string;
            uom: string;
        };
        Replayed: {
            fileId: string;
            /** @constant */
            replayed: true;
        };
        /** @description What a search matched: the NMI or serial as read, and whether it is known. */
        SearchMatch: {
            /**
             * @description what was searched
             * @enum {string}
             */
            by: "nmi" | "serial";
            /** @description whether it has any reads at all, whatever the date range (false: the service never heard of it) */
            known: boolean;
            /** @description what was done to what was typed, e.g. `checksum digit 8 checked and removed` */
            note: string | null;
            /** @description what was typed */
            typed: string;
            /** @description the NMI or serial searched, as the service read what was typed */
            value: string;
        };
        /**
         * @description Who is signed in, and how.
         * @example {
         *       "user": {
         *         "username": "alice",
         *         "role": "admin"
         *       },
         *       "via": "session",
         *       "csrfToken": "mQ3v0b3T6oW0lq6J2G3c5Q"
         *     }
         */
        Session: {
            /** @description send it back in the `x-csrf-token` header of changes made with the session; null for a token */
            csrfToken: string | null;
            user: {
                /** @enum {string} */
                role: "viewer" | "admin";
                username: string;
            };
            /**
             * @description how the caller is signed in
             * @enum {string}
             */
            via: "session" | "token";
        };
        /** @description The last side build started by this server, with its progress. */
        SideBuildStatus: {
            error: string | null;
            finishedAt: string | null;
            generation: number | null;
            label: string | null;
            progress: {
                /** @description events replayed (by position, readings included) */
                done: number;
                /** @description the rate so far; null before the first batch */
                eventsPerSecond: number | null;
                fraction: number;
                /** @description an estimate; null before the first batch */
                secondsLeft: number | null;
                /** @description events to replay, up to the head of the store or the until position */
                total: number;
            } | null;
            startedAt: string | null;
            /** @enum {string} */
            state: "idle" | "running" | "succeeded" | "failed" | "stopped";
        };
        /**
         * @description A labelled generation of the read model built from the events up to a position or an instant, beside the live one.
         * @example {
         *       "label": "before-fix",
         *       "projection": "read_model_v4",
         *       "generation": 2,
         *       "untilPosition": "14",
         *       "untilAt": null,
         *       "state": "ready",
         *       "events": 2,
         *       "readings": 10,
         *       "startedAt": "2026-11-30T16:20:00+10:00",
         *       "builtAt": "2026-11-30T16:20:01+10:00",
         *       "error": null
         *     }
         */
        SideGeneration: {
            builtAt: string | null;
            error: string | null;
            /** @description file-level events applied (each file brings its readings) */
            events: number;
            /** @description its tables are `register_reads_v<version>_g<generation>` and so on */
            generation: number;
            label: string;
            projection: string;
            /** @description register reads (every version), once ready */
            readings: number | null;
            /** Format: date-time */
            startedAt: string;
            /**
             * @description interrupted: its builder went away; drop it and build again
             * @enum {string}
             */
            state: "building" | "interrupted" | "ready" | "failed";
            /** @description the instant it was built to, when one was given */
            untilAt: string | null;
            /** @description the global position it was built to (for an instant, the last event recorded by then) */
            untilPosition: string | null;
        };
        /**
         * @description One line of a flow file as it was sent, to show beside the problems found on it.
         * @example {
         *       "number": 6,
         *       "text": "900",
         *       "truncated": false,
         *       "fieldNames": [
         *         "RecordIndicator"
         *       ]
         *     }
         */
        SourceLine: {
            /** @description the names of the line's comma-separated fields, when its record indicator is known */
            fieldNames: string[] | null;
            /** @description the line number, as errors and readings give it */
            number: number;
            /** @description the line as sent, without its line ending; control and text-direction characters shown as `\u{..}` */
            text: string;
            /** @description the line is longer than the 4,096 bytes shown */
            truncated: boolean;
        };
        /** @description Lines of a flow file, in order. */
        SourceLines: {
            lines: components["schemas"]["SourceLine"][];
        };
        /**
         * @description An event of a file stream as the event store holds it: where it is (stream, revision, global position), its id and type, when it was recorded, and its data and metadata as stored.
         * @example {
         *       "streamName": "nem13File-97b956fffab72a100defd7441ce6812bdb875ff2eb7cd3c56f990126a79f8e33",
         *       "revision": 1,
         *       "position": "8",
         *       "eventId": "97b956ff-fab7-8a10-8def-d74420000002",
         *       "type": "ReadingRecorded",
         *       "recordedAt": "2026-11-30T16:05:12+10:00",
         *       "schemaVersion": 2,
         *       "data": {
         *         "fields": [
         *           "VDEF005890",
         *           "1141",
         *           "1",
         *           "11",
         *           "11",
         *           "MET12345",
         *           "E",
         *           "000888",
         *           "20040108103055",
         *           "A",
         *           "",
         *           "",
         *           "000999",
         *           "20040408000000",
         *           "E64",
         *           "",
         *           "",
         *           "111",
         *           "kWh",
         *           "20040408",
         *           "20040409000000",
         *           "20040109103023"
         *         ],
         *         "b2b": {
         *           "line": 3,
         *           "fields": [
         *             "N",
         *             "",
         *             "E",
         *             ""
         *           ]
         *         }
         *       },
         *       "metadata": {
         *         "schemaVersion": 2,
         *         "sourceLine": 2
         *       }
         *     }
         */
        StoredEvent: {
            /** @description the facts, as stored */
            data: {
                [key: string]: unknown;
            };
            /** @description the event id (a UUID, deterministic from the file and its line) */
            eventId: string;
            /** @description the provenance (schemaVersion, sourceLine, ...), as stored */
            metadata: {
                [key: string]: unknown;
            };
            /** @description the event's position in the store's global order (all streams), a whole number */
            position: string;
            /**
             * Format: date-time
             * @description when the store recorded the event, NEM time (+10:00)
             */
            recordedAt: string;
            /** @description 0-based position of the event in its stream */
            revision: number;
            /** @description the metadata's schemaVersion (1 when it has none: events written before it was recorded); null when it holds something that is not a whole number */
            schemaVersion: number | null;
            streamName: string;
            /** @description FileReceived, ReadingRecorded, IntervalDayRecorded, FileImported or FileRejected */
            type: string;
        };
        /** @description How many match in all: exact up to a cap (10,000), so it stays cheap. */
        Total: {
            /** @description `count` is the cap: there are at least that many */
            capped: boolean;
            /** @description how many match in all, counted up to a cap */
            count: number;
        };
        /** @description An upload that failed part-way: the problem, and what became of the files before it. */
        UploadProblem: {
            /** @description the kind of problem, stable, for programs: `BAD_CURSOR`, `UNAVAILABLE`, ... */
            code: string;
            /** @description this occurrence, for people */
            detail: string;
            /** @description what is wrong with the request, field by field */
            issues?: components["schemas"]["ProblemIssue"][];
            /** @description the files processed before the request failed */
            results?: components["schemas"]["ImportResult"][];
            /** @description the HTTP status */
            status: number;
            /** @description the kind of problem, for people: the same for every occurrence */
            title: string;
            /** @description the kind of problem, as a URI (`urn:nem:problem:<code>`) */
            type: string;
        };
        /** @description The result of every file of an upload. */
        UploadResult: {
            /** @description one result per file part, in order */
            results: components["schemas"]["ImportResult"][];
        };
        /**
         * @description A support-staff account: a viewer searches and reads; an admin may also change things.
         * @example {
         *       "username": "alice",
         *       "role": "admin",
         *       "createdAt": "2026-11-30T09:00:00+10:00"
         *     }
         */
        User: {
            /**
             * Format: date-time
             * @description when the user was added, NEM time (+10:00)
             */
            createdAt: string;
            /** @enum {string} */
            role: "viewer" | "admin";
            username: string;
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    listFiles: {
        parameters: {
            query?: {
                /** @description `nextCursor` of the previous page; absent for the first. */
                cursor?: string;
                /** @description Files per page, 1 to 500. */
                limit?: number;
                /** @description Part of the file name (any case), or the start of its SHA-256. */
                search?: string;
                /** @description Only files with this status. */
                status?: "receiving" | "imported" | "rejected";
            };
            header?: {
                /** @description The ETag of an answer received before: 304 (and no body) when it is still current. */
                "if-none-match"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of files. */
            200: {
                headers: {
                    /** @description The read model's version for this answer: send it back in If-None-Match to poll cheaply. */
                    ETag?: string;
                    /** @description The request id (the caller’s `x-request-id` when it is short and plain, else a new one), in every log line of the request. */
                    "x-request-id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["FilePage"];
                };
            };
            /** @description Not modified: the ETag sent in If-None-Match is still current. */
            304: {
                headers: {
                    /** @description The read model's version for this answer: send it back in If-None-Match to poll cheaply. */
                    ETag?: string;
                    /** @description The request id (the caller’s `x-request-id` when it is short and plain, else a new one), in every log line of the request. */
                    "x-request-id"?: string;
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The request is not valid: `issues` says what, field by field. */
            400: {
                headers: {
                    /** @description The request id (the caller’s `x-request-id` when it is short and plain, else a new one), in every log line of the request. */
                    "x-request-id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not signed in: sign in (POST /api/session) or send an API token as `Authorization: Bearer <token>`. */
            401: {
                headers: {
                    /** @description The request id (the caller’s `x-request-id` when it is short and plain, else a new one), in every log line of the request. */
                    "x-request-id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An unexpected failure (logged with the request id); nothing the client sent. */
            500: {
                headers: {
                    /** @description The request id (the caller’s `x-request-id` when it is short and plain, else a new one), in every log line of the request. */
                    "x-request-id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The database cannot be reached, or the request took too long: try again after `Retry-After` seconds. */
            503: {
                headers: {
                    /** @description Seconds to wait before trying again. */
                    "Retry-After"?: number;
                    /** @description The request id (the caller’s `x-request-id` when it is short and plain, else a new one), in every log line of the request. */
                    "x-request-id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    uploadFiles: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "multipart/form-data": {
                    /** @description one or more flow files, each its own part named `file` */
                    file: string[];
                };
            };
        };
        responses: {
            /** @description What became of each file. */
            200: {
                headers: {
                    /** @description The request id (the caller’s `x-request-id` when it is short and plain, else a new one), in every log line of the request. */
                    "x-request-id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UploadResult"];
                };
            };
            /** @description The request is not multipart, holds no file, or could not be read. */
            400: {
                headers: {
                    /** @description The request id (the caller’s `x-request-id` when it is short and plain, else a new one), in every log line of the request. */
                    "x-request-id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["UploadProblem"];
                };
            };
            /** @description Not signed in: sign in (POST /api/session) or send an API token as `Authorization: Bearer <token>`. */
            401: {
                headers: {
                    /** @description The request id (the caller’s `x-request-id` when it is short and plain, else a new one), in every log line of the request. */
                    "x-request-id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not allowed: a viewer on an admin operation, or a change made with a session without the `x-csrf-token` header. */
            403: {
                headers: {
                    /** @description The request id (the caller’s `x-request-id` when it is short and plain, else a new one), in every log line of the request. */
                    "x-request-id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The request holds too many files or parts, or is larger than they could be. */
            413: {
                headers: {
                    /** @description The request id (the caller’s `x-request-id` when it is short and plain, else a new one), in every log line of the request. */
                    "x-request-id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["UploadProblem"];
                };
            };
            /** @description The body is not of a media type this operation takes. */
            415: {
                headers: {
                    /** @description The request id (the caller’s `x-request-id` when it is short and plain, else a new one), in every log line of the request. */
                    "x-request-id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An unexpected failure (logged with the request id); nothing the client sent. */
            500: {
                headers: {
                    /** @description The request id (the caller’s `x-request-id` when it is short and plain, else a new one), in every log line of the request. */
                    "x-request-id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The database cannot be reached, or the request took too long: try again after `Retry-After` seconds. */
            503: {
                headers: {
                    /** @description Seconds to wait before trying again. */
                    "Retry-After"?: number;
                    /** @description The request id (the caller’s `x-request-id` when it is short and plain, else a new one), in every log line of the request. */
                    "x-request-id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getFile: {
        parameters: {
            query?: never;
            header?: {
                /** @description The ETag of an answer received before: 304 (and no body) when it is still current. */
                "if-none-match"?: string;
            };
            path: {
                /** @description The SHA-256 of the file (or its start), or its name. */
                file: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The file. */
            200: {
                headers: {
                    /** @description The read model's version for this answer: send it back in If-None-Match to poll cheaply. */
                    ETag?: string;
                    /** @description The request id (the caller’s `x-request-id` when it is short and plain, else a new one), in every log line of the request. */
                    "x-request-id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["FlowFileDetail"];
                };
            };
            /** @description Not modified: the ETag sent in If-None-Match is still current. */
            304: {
                headers: {
                    /** @description The read model's version for this answer: send it back in If-None-Match to poll cheaply. */
                    ETag?: string;
                    /** @description The request id (the caller’s `x-request-id` when it is short and plain, else a new one), in every log line of the request. */
                    "x-request-id"?: string;
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The request is not valid: `issues` says what, field by field. */
            400: {
                headers: {
                    /** @description The request id (the caller’s `x-request-id` when it is short and plain, else a new one), in every log line of the request. */
                    "x-request-id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not signed in: sign in (POST /api/session) or send an API token as `Authorization: Bearer <token>`. */
            401: {
                headers: {
                    /** @description The request id (the caller’s `x-request-id` when it is short and plain, else a new one), in every log line of the request. */
                    "x-request-id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No file has this SHA-256 or name. */
            404: {
                headers: {
                    /** @description The request id (the caller’s `x-request-id` when it is short and plain, else a new one), in every log line of the request. */
                    "x-request-id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A path parameter is longer than any this API routes. */
            414: {
                headers: {
                    /** @description The request id (the caller’s `x-request-id` when it is short and plain, else a new one), in every log line of the request. */
                    "x-request-id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An unexpected failure (logged with the request id); nothing the client sent. */
            500: {
                headers: {
                    /** @description The request id (the caller’s `x-request-id` when it is short and plain, else a new one), in every log line of the request. */
                    "x-request-id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The database cannot be reached, or the request took too long: try again after `Retry-After` seconds. */
            503: {
                headers: {
                    /** @description Seconds to wait before trying again. */
                    "Retry-After"?: number;
                    /** @description The request id (the caller’s `x-request-id` when it is short and plain, else a new one), in every log line of the request. */
                    "x-request-id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listFileEvents: {
        parameters: {
            query?: {
                /** @description `nextCursor` of the previous page; absent for the first. */
                cursor?: string;
                /** @description Events per page, 1 to 500. */
                limit?: number;
            };
            header?: never;
            path: {
                /** @description The SHA-256 of the file (or its start), or its name. */
                file: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of the events of the file. */
            200: {
                headers: {
                    /** @description The request id (the caller’s `x-request-id` when it is short and plain, else a new one), in every log line of the request. */
                    "x-request-id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["FileEventPage"];
                };
            };
            /** @description A parameter is not valid, or the cursor is not one this service issued (`BAD_CURSOR`). */
            400: {
                headers: {
                    /** @description The request id (the caller’s `x-request-id` when it is short and plain, else a new one), in every log line of the request. */
                    "x-request-id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not signed in: sign in (POST /api/session) or send an API token as `Authorization: Bearer <token>`. */
            401: {
                headers: {
                    /** @description The request id (the caller’s `x-request-id` when it is short and plain, else a new one), in every log line of the request. */
                    "x-request-id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No file has this SHA-256 or name, or the store has no event of it. */
            404: {
                headers: {
                    /** @description The request id (the caller’s `x-request-id` when it is short and plain, else a new one), in every log line of the request. */
                    "x-request-id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A path parameter is longer than any this API routes. */
            414: {
                headers: {
                    /** @description The request id (the caller’s `x-request-id` when it is short and plain, else a new one), in every log line of the request. */
                    "x-request-id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An unexpected failure (logged with the request id); nothing the client sent. */
            500: {
                headers: {
                    /** @description The request id (the caller’s `x-request-id` when it is short and plain, else a new one), in every log line of the request. */
                    "x-request-id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The database cannot be reached, or the request took too long: try again after `Retry-After` seconds. */
            503: {
                headers: {
                    /** @description Seconds to wait before trying again. */
                    "Retry-After"?: number;
                    /** @description The request id (the caller’s `x-request-id` when it is short and plain, else a new one), in every log line of the request. */
                    "x-request-id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getFileLines: {
        parameters: {
            query: {
                /** @description Up to 100 line numbers, comma-separated. */
                numbers: string;
            };
            header?: never;
            path: {
                /** @description The SHA-256 of the file (or its start), or its name. */
                file: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The lines, in order. */
            200: {
                headers: {
                    /** @description The request id (the caller’s `x-request-id` when it is short and plain, else a new one), in every log line of the request. */
                    "x-request-id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SourceLines"];
                };
            };
            /** @description The request is not valid: `issues` says what, field by field. */
            400: {
                headers: {
                    /** @description The request id (the caller’s `x-request-id` when it is short and plain, else a new one), in every log line of the request. */
                    "x-request-id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not signed in: sign in (POST /api/session) or send an API token as `Authorization: Bearer <token>`. */
            401: {
                headers: {
                    /** @description The request id (the caller’s `x-request-id` when it is short and plain, else a new one), in every log line of the request. */
                    "x-request-id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No file has this SHA-256 or name, or its original is not kept. */
            404: {
                headers: {
                    /** @description The request id (the caller’s `x-request-id` when it is short and plain, else a new one), in every log line of the request. */
                    "x-request-id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A path parameter is longer than any this API routes. */
            414: {
                headers: {
                    /** @description The request id (the caller’s `x-request-id` when it is short and plain, else a new one), in every log line of the request. */
                    "x-request-id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An unexpected failure (logged with the request id); nothing the client sent. */
            500: {
                headers: {
                    /** @description The request id (the caller’s `x-request-id` when it is short and plain, else a new one), in every log line of the request. */
                    "x-request-id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The database cannot be reached, or the request took too long: try again after `Retry-After` seconds. */
            503: {
                headers: {
                    /** @description Seconds to wait before trying again. */
                    "Retry-After"?: number;
                    /** @description The request id (the caller’s `x-request-id` when it is short and plain, else a new one), in every log line of the request. */
                    "x-request-id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    downloadFileOriginal: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The SHA-256 of the file (or its start), or its name. */
                file: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The original, as an attachment named after the file. */
            200: {
                headers: {
                    /** @description The request id (the caller’s `x-request-id` when it is short and plain, else a new one), in every log line of the request. */
                    "x-request-id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/octet-stream": string;
                    "text/csv": string;
                };
            };
            /** @description The request is not valid: `issues` says what, field by field. */
            400: {
                headers: {
                    /** @description The request id (the caller’s `x-request-id` when it is short and plain, else a new one), in every log line of the request. */
                    "x-request-id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not signed in: sign in (POST /api/session) or send an API token as `Authorization: Bearer <token>`. */
            401: {
                headers: {
                    /** @description The request id (the caller’s `x-request-id` when it is short and plain, else a new one), in every log line of the request. */
                    "x-request-id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No file has this SHA-256 or name, or its original is not kept. */
            404: {
                headers: {
                    /** @description The request id (the caller’s `x-request-id` when it is short and plain, else a new one), in every log line of the request. */
                    "x-request-id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A path parameter is longer than any this API routes. */
            414: {
                headers: {
                    /** @description The request id (the caller’s `x-request-id` when it is short and plain, else a new one), in every log line of the request. */
                    "x-request-id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An unexpected failure (logged with the request id); nothing the client sent. */
            500: {
                headers: {
                    /** @description The request id (the caller’s `x-request-id` when it is short and plain, else a new one), in every log line of the request. */
                    "x-request-id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The database cannot be reached, or the request took too long: try again after `Retry-After` seconds. */
            503: {
                headers: {
                    /** @description Seconds to wait before trying again. */
                    "Retry-After"?: number;
                    /** @description The request id (the caller’s `x-request-id` when it is short and plain, else a new one), in every log line of the request. */
                    "x-request-id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listFileReadings: {
        parameters: {
            query?: {
                /** @description `nextCursor` of the previous page; absent for the first. */
                cursor?: string;
                /** @description Readings per page, 1 to 500. */
                limit?: number;
            };
            header?: {
                /** @description The ETag of an answer received before: 304 (and no body) when it is still current. */
                "if-none-match"?: string;
            };
            path: {
                /** @description The SHA-256 of the file (or its start), or its name. */
                file: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of the readings of the file. */
            200: {
                headers: {
                    /** @description The read model's version for this answer: send it back in If-None-Match to poll cheaply. */
                    ETag?: string;
                    /** @description The request id (the caller’s `x-request-id` when it is short and plain, else a new one), in every log line of the request. */
                    "x-request-id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["FileReadingPage"];
                };
            };
            /** @description Not modified: the ETag sent in If-None-Match is still current. */
            304: {
                headers: {
                    /** @description The read model's version for this answer: send it back in If-None-Match to poll cheaply. */
                    ETag?: string;
                    /** @description The request id (the caller’s `x-request-id` when it is short and plain, else a new one), in every log line of the request. */
                    "x-request-id"?: string;
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The request is not valid: `issues` says what, field by field. */
            400: {
                headers: {
                    /** @description The request id (the caller’s `x-request-id` when it is short and plain, else a new one), in every log line of the request. */
                    "x-request-id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not signed in: sign in (POST /api/session) or send an API token as `Authorization: Bearer <token>`. */
            401: {
                headers: {
                    /** @description The request id (the caller’s `x-request-id` when it is short and plain, else a new one), in every log line of the request. */
                    "x-request-id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No file has this SHA-256 or name. */
            404: {
                headers: {
                    /** @description The request id (the caller’s `x-request-id` when it is short and plain, else a new one), in every log line of the request. */
                    "x-request-id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A path parameter is longer than any this API routes. */
            414: {
                headers: {
                    /** @description The request id (the caller’s `x-request-id` when it is short and plain, else a new one), in every log line of the request. */
                    "x-request-id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An unexpected failure (logged with the request id); nothing the client sent. */
            500: {
                headers: {
                    /** @description The request id (the caller’s `x-request-id` when it is short and plain, else a new one), in every log line of the request. */
                    "x-request-id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The database cannot be reached, or the request took too long: try again after `Retry-After` seconds. */
            503: {
                headers: {
                    /** @description Seconds to wait before trying again. */
                    "Retry-After"?: number;
                    /** @description The request id (the caller’s `x-request-id` when it is short and plain, else a new one), in every log line of the request. */
                    "x-request-id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    replayFile: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The SHA-256 of the file. */
                fileId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The file was replayed. */
            200: {
                headers: {
                    /** @description The request id (the caller’s `x-request-id` when it is short and plain, else a new one), in every log line of the request. */
                    "x-request-id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Replayed"];
                };
            };
            /** @description The request is not valid: `issues` says what, field by field. */
            400: {
                headers: {
                    /** @description The request id (the caller’s `x-request-id` when it is short and plain, else a new one), in every log line of the request. */
                    "x-request-id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not signed in: sign in (POST /api/session) or send an API token as `Authorization: Bearer <token>`. */
            401: {
                headers: {
                    /** @description The request id (the caller’s `x-request-id` when it is short and plain, else a new one), in every log line of the request. */
                    "x-request-id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not allowed: a viewer on an admin operation, or a change made with a session without the `x-csrf-token` header. */
            403: {
                headers: {
                    /** @description The request id (the caller’s `x-request-id` when it is short and plain, else a new one), in every log line of the request. */
                    "x-request-id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The store has no events of this file. */
            404: {
                headers: {
                    /** @description The request id (the caller’s `x-request-id` when it is short and plain, else a new one), in every log line of the request. */
                    "x-request-id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A path parameter is longer than any this API routes. */
            414: {
                headers: {
                    /** @description The request id (the caller’s `x-request-id` when it is short and plain, else a new one), in every log line of the request. */
                    "x-request-id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An unexpected failure (logged with the request id); nothing the client sent. */
            500: {
                headers: {
                    /** @description The request id (the caller’s `x-request-id` when it is short and plain, else a new one), in every log line of the request. */
                    "x-request-id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The database cannot be reached, or the request took too long: try again after `Retry-After` seconds. */
            503: {
                headers: {
                    /** @description Seconds to wait before trying again. */
                    "Retry-After"?: number;
                    /** @description The request id (the caller’s `x-request-id` when it is short and plain, else a new one), in every log line of the request. */
                    "x-request-id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listIntervalChannels: {
        parameters: {
            query?: {
                /** @description Answer as the service knew it at this moment: a day (YYYY-MM-DD: its start, 00:00 NEM time) or a date and time, with its offset or without one (then NEM time, +10:00), e.g. `2005-03-03`, `2005-03-03T09:30`, `2005-03-03T09:30:00Z`. Only files whose FileImported was recorded by then (to the second) count, and of their versions of a register read the one that was winning then. The answer echoes it as `asOf`. */
                asOf?: string;
                /** @description The meter point: its NMI, or the NMI and its checksum digit, in any case, spaces ignored. Give exactly one of `nmi` and `serial`. */
                nmi?: string;
                /** @description The meter serial number, in any case. Give exactly one of `nmi` and `serial`. */
                serial?: string;
            };
            header?: {
                /** @description The ETag of an answer received before: 304 (and no body) when it is still current. */
                "if-none-match"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The channels. */
            200: {
                headers: {
                    /** @description The read model's version for this answer: send it back in If-None-Match to poll cheaply. */
                    ETag?: string;
                    /** @description The request id (the caller’s `x-request-id` when it is short and plain, else a new one), in every log line of the request. */
                    "x-request-id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["IntervalChannelList"];
                };
            };
            /** @description Not modified: the ETag sent in If-None-Match is still current. */
            304: {
                headers: {
                    /** @description The read model's version for this answer: send it back in If-None-Match to poll cheaply. */
                    ETag?: string;
                    /** @description The request id (the caller’s `x-request-id` when it is short and plain, else a new one), in every log line of the request. */
                    "x-request-id"?: string;
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Neither or both of `nmi` and `serial`, or a NMI that is not one (`BAD_NMI`). */
            400: {
                headers: {
                    /** @description The request id (the caller’s `x-request-id` when it is short and plain, else a new one), in every log line of the request. */
                    "x-request-id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not signed in: sign in (POST /api/session) or send an API token as `Authorization: Bearer <token>`. */
            401: {
                headers: {
                    /** @description The request id (the caller’s `x-request-id` when it is short and plain, else a new one), in every log line of the request. */
                    "x-request-id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An unexpected failure (logged with the request id); nothing the client sent. */
            500: {
                headers: {
                    /** @description The request id (the caller’s `x-request-id` when it is short and plain, else a new one), in every log line of the request. */
                    "x-request-id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The database cannot be reached, or the request took too long: try again after `Retry-After` seconds. */
            503: {
                headers: {
                    /** @description Seconds to wait before trying again. */
                    "Retry-After"?: number;
                    /** @description The request id (the caller’s `x-request-id` when it is short and plain, else a new one), in every log line of the request. */
                    "x-request-id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listIntervalChannelDays: {
        parameters: {
            query: {
                /** @description Answer as the service knew it at this moment: a day (YYYY-MM-DD: its start, 00:00 NEM time) or a date and time, with its offset or without one (then NEM time, +10:00), e.g. `2005-03-03`, `2005-03-03T09:30`, `2005-03-03T09:30:00Z`. Only files whose FileImported was recorded by then (to the second) count, and of their versions of a register read the one that was winning then. The answer echoes it as `asOf`. */
                asOf?: string;
                /** @description `nextCursor` of the previous page; absent for the first. */
                cursor?: string;
                /** @description Days on or after this IntervalDate (YYYY-MM-DD). */
                from?: string;
                /** @description Days per page, 1 to 1,000. */
                limit?: number;
                /** @description The meter point: its NMI (10 characters), or the NMI and its checksum digit (11, the digit is checked), in any case, spaces ignored. */
                nmi: string;
                /** @description Only the days this meter recorded (serial, in any case). */
                serial?: string;
                /** @description The channel: its NMISuffix (2 characters, e.g. `E1`), in any case. */
                suffix: string;
                /** @description Days up to and including this IntervalDate (YYYY-MM-DD). */
                to?: string;
            };
            header?: {
                /** @description The ETag of an answer received before: 304 (and no body) when it is still current. */
                "if-none-match"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of days. */
            200: {
                headers: {
                    /** @description The read model's version for this answer: send it back in If-None-Match to poll cheaply. */
                    ETag?: string;
                    /** @description The request id (the caller’s `x-request-id` when it is short and plain, else a new one), in every log line of the request. */
                    "x-request-id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["IntervalChannelDayPage"];
                };
            };
            /** @description Not modified: the ETag sent in If-None-Match is still current. */
            304: {
                headers: {
                    /** @description The read model's version for this answer: send it back in If-None-Match to poll cheaply. */
                    ETag?: string;
                    /** @description The request id (the caller’s `x-request-id` when it is short and plain, else a new one), in every log line of the request. */
                    "x-request-id"?: string;
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description A parameter is not valid (`BAD_NMI` for a NMI), or a cursor this service did not issue. */
            400: {
                headers: {
                    /** @description The request id (the caller’s `x-request-id` when it is short and plain, else a new one), in every log line of the request. */
                    "x-request-id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not signed in: sign in (POST /api/session) or send an API token as `Authorization: Bearer <token>`. */
            401: {
                headers: {
                    /** @description The request id (the caller’s `x-request-id` when it is short and plain, else a new one), in every log line of the request. */
                    "x-request-id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An unexpected failure (logged with the request id); nothing the client sent. */
            500: {
                headers: {
                    /** @description The request id (the caller’s `x-request-id` when it is short and plain, else a new one), in every log line of the request. */
                    "x-request-id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The database cannot be reached, or the request took too long: try again after `Retry-After` seconds. */
            503: {
                headers: {
                    /** @description Seconds to wait before trying again. */
                    "Retry-After"?: number;
                    /** @description The request id (the caller’s `x-request-id` when it is short and plain, else a new one), in every log line of the request. */
                    "x-request-id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    searchIntervalDays: {
        parameters: {
            query?: {
                /** @description Answer as the service knew it at this moment: a day (YYYY-MM-DD: its start, 00:00 NEM time) or a date and time, with its offset or without one (then NEM time, +10:00), e.g. `2005-03-03`, `2005-03-03T09:30`, `2005-03-03T09:30:00Z`. Only files whose FileImported was recorded by then (to the second) count, and of their versions of a register read the one that was winning then. The answer echoes it as `asOf`. */
                asOf?: string;
                /** @description `nextCursor` of the previous page; absent for the first. */
                cursor?: string;
                /** @description Days on or after this IntervalDate (YYYY-MM-DD). */
                from?: string;
                /** @description Days per page, 1 to 1,000. */
                limit?: number;
                /** @description The meter point: its NMI (10 characters), or the NMI and its checksum digit (11, the digit is checked), in any case, spaces ignored. Give exactly one of `nmi` and `serial` (400 otherwise). */
                nmi?: string;
                /** @description The meter serial number (the 200 record's MeterSerialNumber), in any case. Give exactly one of `nmi` and `serial` (400 otherwise). */
                serial?: string;
                /** @description Only this channel: its NMI suffix (NMISuffix), e.g. `E1`, in any case. */
                suffix?: string;
                /** @description Days up to and including this IntervalDate (YYYY-MM-DD). */
                to?: string;
            };
            header?: {
                /** @description The ETag of an answer received before: 304 (and no body) when it is still current. */
                "if-none-match"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of interval days. */
            200: {
                headers: {
                    /** @description The read model's version for this answer: send it back in If-None-Match to poll cheaply. */
                    ETag?: string;
                    /** @description The request id (the caller’s `x-request-id` when it is short and plain, else a new one), in every log line of the request. */
                    "x-request-id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["IntervalDayPage"];
                };
            };
            /** @description Not modified: the ETag sent in If-None-Match is still current. */
            304: {
                headers: {
                    /** @description The read model's version for this answer: send it back in If-None-Match to poll cheaply. */
                    ETag?: string;
                    /** @description The request id (the caller’s `x-request-id` when it is short and plain, else a new one), in every log line of the request. */
                    "x-request-id"?: string;
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The request is not valid: `issues` says what, field by field. */
            400: {
                headers: {
                    /** @description The request id (the caller’s `x-request-id` when it is short and plain, else a new one), in every log line of the request. */
                    "x-request-id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not signed in: sign in (POST /api/session) or send an API token as `Authorization: Bearer <token>`. */
            401: {
                headers: {
                    /** @description The request id (the caller’s `x-request-id` when it is short and plain, else a new one), in every log line of the request. */
                    "x-request-id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An unexpected failure (logged with the request id); nothing the client sent. */
            500: {
                headers: {
                    /** @description The request id (the caller’s `x-request-id` when it is short and plain, else a new one), in every log line of the request. */
                    "x-request-id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The database cannot be reached, or the request took too long: try again after `Retry-After` seconds. */
            503: {
                headers: {
                    /** @description Seconds to wait before trying again. */
                    "Retry-After"?: number;
                    /** @description The request id (the caller’s `x-request-id` when it is short and plain, else a new one), in every log line of the request. */
                    "x-request-id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    exportIntervalsCsv: {
        parameters: {
            query?: {
                /** @description Answer as the service knew it at this moment: a day (YYYY-MM-DD: its start, 00:00 NEM time) or a date and time, with its offset or without one (then NEM time, +10:00), e.g. `2005-03-03`, `2005-03-03T09:30`, `2005-03-03T09:30:00Z`. Only files whose FileImported was recorded by then (to the second) count, and of their versions of a register read the one that was winning then. The answer echoes it as `asOf`. */
                asOf?: string;
                /** @description Days on or after this IntervalDate (YYYY-MM-DD). */
                from?: string;
                /** @description The meter point: its NMI (10 characters), or the NMI and its checksum digit (11, the digit is checked), in any case, spaces ignored. Give exactly one of `nmi` and `serial` (400 otherwise). */
                nmi?: string;
                /** @description The meter serial number (the 200 record's MeterSerialNumber), in any case. Give exactly one of `nmi` and `serial` (400 otherwise). */
                serial?: string;
                /** @description Only this channel: its NMI suffix (NMISuffix), e.g. `E1`, in any case. */
                suffix?: string;
                /** @description Days up to and including this IntervalDate (YYYY-MM-DD). */
                to?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The CSV (RFC 4180, CRLF line ends, a header row), as an attachment. */
            200: {
                headers: {
                    /** @description The request id (the caller’s `x-request-id` when it is short and plain, else a new one), in every log line of the request. */
                    "x-request-id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "text/csv": string;
                };
            };
            /** @description The request is not valid: `issues` says what, field by field. */
            400: {
                headers: {
                    /** @description The request id (the caller’s `x-request-id` when it is short and plain, else a new one), in every log line of the request. */
                    "x-request-id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not signed in: sign in (POST /api/session) or send an API token as `Authorization: Bearer <token>`. */
            401: {
                headers: {
                    /** @description The request id (the caller’s `x-request-id` when it is short and plain, else a new one), in every log line of the request. */
                    "x-request-id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An unexpected failure (logged with the request id); nothing the client sent. */
            500: {
                headers: {
                    /** @description The request id (the caller’s `x-request-id` when it is short and plain, else a new one), in every log line of the request. */
                    "x-request-id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The database cannot be reached, or the request took too long: try again after `Retry-After` seconds. */
            503: {
                headers: {
                    /** @description Seconds to wait before trying again. */
                    "Retry-After"?: number;
                    /** @description The request id (the caller’s `x-request-id` when it is short and plain, else a new one), in every log line of the request. */
                    "x-request-id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getIntervalDayHistory: {
        parameters: {
            query: {
                /** @description The IntervalDate (YYYY-MM-DD). */
                date: string;
                /** @description The meter point: its NMI, or the NMI and its checksum digit; any case. */
                nmi: string;
                /** @description The channel: its NMI suffix, e.g. `E1`, in any case. */
                suffix: string;
            };
            header?: {
                /** @description The ETag of an answer received before: 304 (and no body) when it is still current. */
                "if-none-match"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The versions, the one in force first. */
            200: {
                headers: {
                    /** @description The read model's version for this answer: send it back in If-None-Match to poll cheaply. */
                    ETag?: string;
                    /** @description The request id (the caller’s `x-request-id` when it is short and plain, else a new one), in every log line of the request. */
                    "x-request-id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["IntervalDayHistory"];
                };
            };
            /** @description Not modified: the ETag sent in If-None-Match is still current. */
            304: {
                headers: {
                    /** @description The read model's version for this answer: send it back in If-None-Match to poll cheaply. */
                    ETag?: string;
                    /** @description The request id (the caller’s `x-request-id` when it is short and plain, else a new one), in every log line of the request. */
                    "x-request-id"?: string;
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The request is not valid: `issues` says what, field by field. */
            400: {
                headers: {
                    /** @description The request id (the caller’s `x-request-id` when it is short and plain, else a new one), in every log line of the request. */
                    "x-request-id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not signed in: sign in (POST /api/session) or send an API token as `Authorization: Bearer <token>`. */
            401: {
                headers: {
                    /** @description The request id (the caller’s `x-request-id` when it is short and plain, else a new one), in every log line of the request. */
                    "x-request-id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No file sent this day of this channel. */
            404: {
                headers: {
                    /** @description The request id (the caller’s `x-request-id` when it is short and plain, else a new one), in every log line of the request. */
                    "x-request-id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An unexpected failure (logged with the request id); nothing the client sent. */
            500: {
                headers: {
                    /** @description The request id (the caller’s `x-request-id` when it is short and plain, else a new one), in every log line of the request. */
                    "x-request-id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The database cannot be reached, or the request took too long: try again after `Retry-After` seconds. */
            503: {
                headers: {
                    /** @description Seconds to wait before trying again. */
                    "Retry-After"?: number;
                    /** @description The request id (the caller’s `x-request-id` when it is short and plain, else a new one), in every log line of the request. */
                    "x-request-id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getMeterPoint: {
        parameters: {
            query?: {
                /** @description Answer as the service knew it at this moment: a day (YYYY-MM-DD: its start, 00:00 NEM time) or a date and time, with its offset or without one (then NEM time, +10:00), e.g. `2005-03-03`, `2005-03-03T09:30`, `2005-03-03T09:30:00Z`. Only files whose FileImported was recorded by then (to the second) count, and of their versions of a register read the one that was winning then. The answer echoes it as `asOf`. */
                asOf?: string;
            };
            header?: {
                /** @description The ETag of an answer received before: 304 (and no body) when it is still current. */
                "if-none-match"?: string;
            };
            path: {
                /** @description The meter point: its NMI, or the NMI and its checksum digit; any case. */
                nmi: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The meter point. */
            200: {
                headers: {
                    /** @description The read model's version for this answer: send it back in If-None-Match to poll cheaply. */
                    ETag?: string;
                    /** @description The request id (the caller’s `x-request-id` when it is short and plain, else a new one), in every log line of the request. */
                    "x-request-id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MeterPoint"];
                };
            };
            /** @description Not modified: the ETag sent in If-None-Match is still current. */
            304: {
                headers: {
                    /** @description The read model's version for this answer: send it back in If-None-Match to poll cheaply. */
                    ETag?: string;
                    /** @description The request id (the caller’s `x-request-id` when it is short and plain, else a new one), in every log line of the request. */
                    "x-request-id"?: string;
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The request is not valid: `issues` says what, field by field. */
            400: {
                headers: {
                    /** @description The request id (the caller’s `x-request-id` when it is short and plain, else a new one), in every log line of the request. */
                    "x-request-id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not signed in: sign in (POST /api/session) or send an API token as `Authorization: Bearer <token>`. */
            401: {
                headers: {
                    /** @description The request id (the caller’s `x-request-id` when it is short and plain, else a new one), in every log line of the request. */
                    "x-request-id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No reads of this NMI have been imported (by `asOf`, when given). */
            404: {
                headers: {
                    /** @description The request id (the caller’s `x-request-id` when it is short and plain, else a new one), in every log line of the request. */
                    "x-request-id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A path parameter is longer than any this API routes. */
            414: {
                headers: {
                    /** @description The request id (the caller’s `x-request-id` when it is short and plain, else a new one), in every log line of the request. */
                    "x-request-id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An unexpected failure (logged with the request id); nothing the client sent. */
            500: {
                headers: {
                    /** @description The request id (the caller’s `x-request-id` when it is short and plain, else a new one), in every log line of the request. */
                    "x-request-id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The database cannot be reached, or the request took too long: try again after `Retry-After` seconds. */
            503: {
                headers: {
                    /** @description Seconds to wait before trying again. */
                    "Retry-After"?: number;
                    /** @description The request id (the caller’s `x-request-id` when it is short and plain, else a new one), in every log line of the request. */
                    "x-request-id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getMeter: {
        parameters: {
            query?: {
                /** @description Answer as the service knew it at this moment: a day (YYYY-MM-DD: its start, 00:00 NEM time) or a date and time, with its offset or without one (then NEM time, +10:00), e.g. `2005-03-03`, `2005-03-03T09:30`, `2005-03-03T09:30:00Z`. Only files whose FileImported was recorded by then (to the second) count, and of their versions of a register read the one that was winning then. The answer echoes it as `asOf`. */
                asOf?: string;
            };
            header?: {
                /** @description The ETag of an answer received before: 304 (and no body) when it is still current. */
                "if-none-match"?: string;
            };
            path: {
                /** @description The meter serial number, in any case. */
                serial: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The meter. */
            200: {
                headers: {
                    /** @description The read model's version for this answer: send it back in If-None-Match to poll cheaply. */
                    ETag?: string;
                    /** @description The request id (the caller’s `x-request-id` when it is short and plain, else a new one), in every log line of the request. */
                    "x-request-id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Meter"];
                };
            };
            /** @description Not modified: the ETag sent in If-None-Match is still current. */
            304: {
                headers: {
                    /** @description The read model's version for this answer: send it back in If-None-Match to poll cheaply. */
                    ETag?: string;
                    /** @description The request id (the caller’s `x-request-id` when it is short and plain, else a new one), in every log line of the request. */
                    "x-request-id"?: string;
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The request is not valid: `issues` says what, field by field. */
            400: {
                headers: {
                    /** @description The request id (the caller’s `x-request-id` when it is short and plain, else a new one), in every log line of the request. */
                    "x-request-id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not signed in: sign in (POST /api/session) or send an API token as `Authorization: Bearer <token>`. */
            401: {
                headers: {
                    /** @description The request id (the caller’s `x-request-id` when it is short and plain, else a new one), in every log line of the request. */
                    "x-request-id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No reads of a meter with this serial have been imported (by `asOf`, when given). */
            404: {
                headers: {
                    /** @description The request id (the caller’s `x-request-id` when it is short and plain, else a new one), in every log line of the request. */
                    "x-request-id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A path parameter is longer than any this API routes. */
            414: {
                headers: {
                    /** @description The request id (the caller’s `x-request-id` when it is short and plain, else a new one), in every log line of the request. */
                    "x-request-id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An unexpected failure (logged with the request id); nothing the client sent. */
            500: {
                headers: {
                    /** @description The request id (the caller’s `x-request-id` when it is short and plain, else a new one), in every log line of the request. */
                    "x-request-id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The database cannot be reached, or the request took too long: try again after `Retry-After` seconds. */
            503: {
                headers: {
                    /** @description Seconds to wait before trying again. */
                    "Retry-After"?: number;
                    /** @description The request id (the caller’s `x-request-id` when it is short and plain, else a new one), in every log line of the request. */
                    "x-request-id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getProjectionStatus: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The read model. */
            200: {
                headers: {
                    /** @description The request id (the caller’s `x-request-id` when it is short and plain, else a new one), in every log line of the request. */
                    "x-request-id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ProjectionStatus"];
                };
            };
            /** @description Not signed in: sign in (POST /api/session) or send an API token as `Authorization: Bearer <token>`. */
            401: {
                headers: {
                    /** @description The request id (the caller’s `x-request-id` when it is short and plain, else a new one), in every log line of the request. */
                    "x-request-id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An unexpected failure (logged with the request id); nothing the client sent. */
            500: {
                headers: {
                    /** @description The request id (the caller’s `x-request-id` when it is short and plain, else a new one), in every log line of the request. */
                    "x-request-id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The database cannot be reached, or the request took too long: try again after `Retry-After` seconds. */
            503: {
                headers: {
                    /** @description Seconds to wait before trying again. */
                    "Retry-After"?: number;
                    /** @description The request id (the caller’s `x-request-id` when it is short and plain, else a new one), in every log line of the request. */
                    "x-request-id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listGenerations: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The generations. */
            200: {
                headers: {
                    /** @description The request id (the caller’s `x-request-id` when it is short and plain, else a new one), in every log line of the request. */
                    "x-request-id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GenerationList"];
                };
            };
            /** @description Not signed in: sign in (POST /api/session) or send an API token as `Authorization: Bearer <token>`. */
            401: {
                headers: {
                    /** @description The request id (the caller’s `x-request-id` when it is short and plain, else a new one), in every log line of the request. */
                    "x-request-id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not allowed: a viewer on an admin operation, or a change made with a session without the `x-csrf-token` header. */
            403: {
                headers: {
                    /** @description The request id (the caller’s `x-request-id` when it is short and plain, else a new one), in every log line of the request. */
                    "x-request-id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An unexpected failure (logged with the request id); nothing the client sent. */
            500: {
                headers: {
                    /** @description The request id (the caller’s `x-request-id` when it is short and plain, else a new one), in every log line of the request. */
                    "x-request-id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The database cannot be reached, or the request took too long: try again after `Retry-After` seconds. */
            503: {
                headers: {
                    /** @description Seconds to wait before trying again. */
                    "Retry-After"?: number;
                    /** @description The request id (the caller’s `x-request-id` when it is short and plain, else a new one), in every log line of the request. */
                    "x-request-id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    startGenerationBuild: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description a side generation: lower-case letters, digits and dashes, up to 40; `live` is reserved */
                    label: string;
                    /** @description a global position (digits), a day (YYYY-MM-DD, from its start in NEM time) or an instant */
                    until: string | (string);
                };
            };
        };
        responses: {
            /** @description The build started. */
            202: {
                headers: {
                    /** @description The request id (the caller’s `x-request-id` when it is short and plain, else a new one), in every log line of the request. */
                    "x-request-id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SideBuildStatus"];
                };
            };
            /** @description The until is beyond the head of the event store, or in the future. */
            400: {
                headers: {
                    /** @description The request id (the caller’s `x-request-id` when it is short and plain, else a new one), in every log line of the request. */
                    "x-request-id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not signed in: sign in (POST /api/session) or send an API token as `Authorization: Bearer <token>`. */
            401: {
                headers: {
                    /** @description The request id (the caller’s `x-request-id` when it is short and plain, else a new one), in every log line of the request. */
                    "x-request-id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not allowed: a viewer on an admin operation, or a change made with a session without the `x-csrf-token` header. */
            403: {
                headers: {
                    /** @description The request id (the caller’s `x-request-id` when it is short and plain, else a new one), in every log line of the request. */
                    "x-request-id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The label is taken, or a build or rebuild is running, here or in another server. */
            409: {
                headers: {
                    /** @description The request id (the caller’s `x-request-id` when it is short and plain, else a new one), in every log line of the request. */
                    "x-request-id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is larger than this operation takes. */
            413: {
                headers: {
                    /** @description The request id (the caller’s `x-request-id` when it is short and plain, else a new one), in every log line of the request. */
                    "x-request-id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is not of a media type this operation takes. */
            415: {
                headers: {
                    /** @description The request id (the caller’s `x-request-id` when it is short and plain, else a new one), in every log line of the request. */
                    "x-request-id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An unexpected failure (logged with the request id); nothing the client sent. */
            500: {
                headers: {
                    /** @description The request id (the caller’s `x-request-id` when it is short and plain, else a new one), in every log line of the request. */
                    "x-request-id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The database cannot be reached, or the request took too long: try again after `Retry-After` seconds. */
            503: {
                headers: {
                    /** @description Seconds to wait before trying again. */
                    "Retry-After"?: number;
                    /** @description The request id (the caller’s `x-request-id` when it is short and plain, else a new one), in every log line of the request. */
                    "x-request-id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    dropGeneration: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description a side generation: lower-case letters, digits and dashes, up to 40; `live` is reserved */
                label: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description It was dropped. */
            204: {
                headers: {
                    /** @description The request id (the caller’s `x-request-id` when it is short and plain, else a new one), in every log line of the request. */
                    "x-request-id"?: string;
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The request is not valid: `issues` says what, field by field. */
            400: {
                headers: {
                    /** @description The request id (the caller’s `x-request-id` when it is short and plain, else a new one), in every log line of the request. */
                    "x-request-id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not signed in: sign in (POST /api/session) or send an API token as `Authorization: Bearer <token>`. */
            401: {
                headers: {
                    /** @description The request id (the caller’s `x-request-id` when it is short and plain, else a new one), in every log line of the request. */
                    "x-request-id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not allowed: a viewer on an admin operation, or a change made with a session without the `x-csrf-token` header. */
            403: {
                headers: {
                    /** @description The request id (the caller’s `x-request-id` when it is short and plain, else a new one), in every log line of the request. */
                    "x-request-id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No side generation of that label. */
            404: {
                headers: {
                    /** @description The request id (the caller’s `x-request-id` when it is short and plain, else a new one), in every log line of the request. */
                    "x-request-id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description It is being built by another server. */
            409: {
                headers: {
                    /** @description The request id (the caller’s `x-request-id` when it is short and plain, else a new one), in every log line of the request. */
                    "x-request-id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A path parameter is longer than any this API routes. */
            414: {
                headers: {
                    /** @description The request id (the caller’s `x-request-id` when it is short and plain, else a new one), in every log line of the request. */
                    "x-request-id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An unexpected failure (logged with the request id); nothing the client sent. */
            500: {
                headers: {
                    /** @description The request id (the caller’s `x-request-id` when it is short and plain, else a new one), in every log line of the request. */
                    "x-request-id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The database cannot be reached, or the request took too long: try again after `Retry-After` seconds. */
            503: {
                headers: {
                    /** @description Seconds to wait before trying again. */
                    "Retry-After"?: number;
                    /** @description The request id (the caller’s `x-request-id` when it is short and plain, else a new one), in every log line of the request. */
                    "x-request-id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    diffGenerations: {
        parameters: {
            query?: {
                /** @description the generation to compare with: a side generation label, or `live` (the default) */
                against?: string;
                /** @description `nextCursor` of the previous page */
                cursor?: string;
                /** @description differences per page, 1 to 1000 */
                limit?: number;
                /** @description only this meter point (10 characters, or 11 with the checksum) */
                nmi?: string;
            };
            header?: never;
            path: {
                /** @description a side generation label, or `live` for the live read model */
                label: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of differences. */
            200: {
                headers: {
                    /** @description The request id (the caller’s `x-request-id` when it is short and plain, else a new one), in every log line of the request. */
                    "x-request-id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GenerationDiffPage"];
                };
            };
            /** @description A bad NMI or cursor. */
            400: {
                headers: {
                    /** @description The request id (the caller’s `x-request-id` when it is short and plain, else a new one), in every log line of the request. */
                    "x-request-id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not signed in: sign in (POST /api/session) or send an API token as `Authorization: Bearer <token>`. */
            401: {
                headers: {
                    /** @description The request id (the caller’s `x-request-id` when it is short and plain, else a new one), in every log line of the request. */
                    "x-request-id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not allowed: a viewer on an admin operation, or a change made with a session without the `x-csrf-token` header. */
            403: {
                headers: {
                    /** @description The request id (the caller’s `x-request-id` when it is short and plain, else a new one), in every log line of the request. */
                    "x-request-id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No generation of that label. */
            404: {
                headers: {
                    /** @description The request id (the caller’s `x-request-id` when it is short and plain, else a new one), in every log line of the request. */
                    "x-request-id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The generation is not ready (building, interrupted or failed). */
            409: {
                headers: {
                    /** @description The request id (the caller’s `x-request-id` when it is short and plain, else a new one), in every log line of the request. */
                    "x-request-id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A path parameter is longer than any this API routes. */
            414: {
                headers: {
                    /** @description The request id (the caller’s `x-request-id` when it is short and plain, else a new one), in every log line of the request. */
                    "x-request-id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An unexpected failure (logged with the request id); nothing the client sent. */
            500: {
                headers: {
                    /** @description The request id (the caller’s `x-request-id` when it is short and plain, else a new one), in every log line of the request. */
                    "x-request-id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The database cannot be reached, or the request took too long: try again after `Retry-After` seconds. */
            503: {
                headers: {
                    /** @description Seconds to wait before trying again. */
                    "Retry-After"?: number;
                    /** @description The request id (the caller’s `x-request-id` when it is short and plain, else a new one), in every log line of the request. */
                    "x-request-id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getRebuildStatus: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The rebuild. */
            200: {
                headers: {
                    /** @description The request id (the caller’s `x-request-id` when it is short and plain, else a new one), in every log line of the request. */
                    "x-request-id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RebuildStatus"];
                };
            };
            /** @description Not signed in: sign in (POST /api/session) or send an API token as `Authorization: Bearer <token>`. */
            401: {
                headers: {
                    /** @description The request id (the caller’s `x-request-id` when it is short and plain, else a new one), in every log line of the request. */
                    "x-request-id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not allowed: a viewer on an admin operation, or a change made with a session without the `x-csrf-token` header. */
            403: {
                headers: {
                    /** @description The request id (the caller’s `x-request-id` when it is short and plain, else a new one), in every log line of the request. */
                    "x-request-id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An unexpected failure (logged with the request id); nothing the client sent. */
            500: {
                headers: {
                    /** @description The request id (the caller’s `x-request-id` when it is short and plain, else a new one), in every log line of the request. */
                    "x-request-id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The database cannot be reached, or the request took too long: try again after `Retry-After` seconds. */
            503: {
                headers: {
                    /** @description Seconds to wait before trying again. */
                    "Retry-After"?: number;
                    /** @description The request id (the caller’s `x-request-id` when it is short and plain, else a new one), in every log line of the request. */
                    "x-request-id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    startRebuild: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The rebuild started. */
            202: {
                headers: {
                    /** @description The request id (the caller’s `x-request-id` when it is short and plain, else a new one), in every log line of the request. */
                    "x-request-id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RebuildStatus"];
                };
            };
            /** @description Not signed in: sign in (POST /api/session) or send an API token as `Authorization: Bearer <token>`. */
            401: {
                headers: {
                    /** @description The request id (the caller’s `x-request-id` when it is short and plain, else a new one), in every log line of the request. */
                    "x-request-id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not allowed: a viewer on an admin operation, or a change made with a session without the `x-csrf-token` header. */
            403: {
                headers: {
                    /** @description The request id (the caller’s `x-request-id` when it is short and plain, else a new one), in every log line of the request. */
                    "x-request-id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A rebuild is already running, here or in another server. */
            409: {
                headers: {
                    /** @description The request id (the caller’s `x-request-id` when it is short and plain, else a new one), in every log line of the request. */
                    "x-request-id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An unexpected failure (logged with the request id); nothing the client sent. */
            500: {
                headers: {
                    /** @description The request id (the caller’s `x-request-id` when it is short and plain, else a new one), in every log line of the request. */
                    "x-request-id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The database cannot be reached, or the request took too long: try again after `Retry-After` seconds. */
            503: {
                headers: {
                    /** @description Seconds to wait before trying again. */
                    "Retry-After"?: number;
                    /** @description The request id (the caller’s `x-request-id` when it is short and plain, else a new one), in every log line of the request. */
                    "x-request-id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    searchReadings: {
        parameters: {
            query?: {
                /** @description Answer as the service knew it at this moment: a day (YYYY-MM-DD: its start, 00:00 NEM time) or a date and time, with its offset or without one (then NEM time, +10:00), e.g. `2005-03-03`, `2005-03-03T09:30`, `2005-03-03T09:30:00Z`. Only files whose FileImported was recorded by then (to the second) count, and of their versions of a register read the one that was winning then. The answer echoes it as `asOf`. */
                asOf?: string;
                /** @description `nextCursor` of the previous page; absent for the first. */
                cursor?: string;
                /** @description Current reads on or after this day (YYYY-MM-DD, from 00:00 NEM time) or instant (with its offset). */
                from?: string;
                /** @description Also list the older versions of register reads that a later file sent again (marked `superseded`). */
                includeSuperseded?: "true" | "false";
                /** @description Readings per page, 1 to 500. */
                limit?: number;
                /** @description The meter point: its NMI (10 characters), or the NMI and its checksum digit (11, the digit is checked), in any case, spaces ignored. Give exactly one of `nmi` and `serial` (400 otherwise). */
                nmi?: string;
                /** @description By the time of the current read: newest first (`desc`) or oldest first (`asc`). */
                order?: "desc" | "asc";
                /** @description Match the NMI or serial as a prefix: results then come by NMI (or serial), then newest first. */
                prefix?: "true" | "false";
                /** @description The meter serial number, in any case. Give exactly one of `nmi` and `serial` (400 otherwise). */
                serial?: string;
                /** @description Current reads up to the end of this day (YYYY-MM-DD, NEM time), or before this instant. */
                to?: string;
            };
            header?: {
                /** @description The ETag of an answer received before: 304 (and no body) when it is still current. */
                "if-none-match"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of readings. */
            200: {
                headers: {
                    /** @description The read model's version for this answer: send it back in If-None-Match to poll cheaply. */
                    ETag?: string;
                    /** @description The request id (the caller’s `x-request-id` when it is short and plain, else a new one), in every log line of the request. */
                    "x-request-id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ReadingPage"];
                };
            };
            /** @description Not modified: the ETag sent in If-None-Match is still current. */
            304: {
                headers: {
                    /** @description The read model's version for this answer: send it back in If-None-Match to poll cheaply. */
                    ETag?: string;
                    /** @description The request id (the caller’s `x-request-id` when it is short and plain, else a new one), in every log line of the request. */
                    "x-request-id"?: string;
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The request is not valid: `issues` says what, field by field. */
            400: {
                headers: {
                    /** @description The request id (the caller’s `x-request-id` when it is short and plain, else a new one), in every log line of the request. */
                    "x-request-id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not signed in: sign in (POST /api/session) or send an API token as `Authorization: Bearer <token>`. */
            401: {
                headers: {
                    /** @description The request id (the caller’s `x-request-id` when it is short and plain, else a new one), in every log line of the request. */
                    "x-request-id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An unexpected failure (logged with the request id); nothing the client sent. */
            500: {
                headers: {
                    /** @description The request id (the caller’s `x-request-id` when it is short and plain, else a new one), in every log line of the request. */
                    "x-request-id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The database cannot be reached, or the request took too long: try again after `Retry-After` seconds. */
            503: {
                headers: {
                    /** @description Seconds to wait before trying again. */
                    "Retry-After"?: number;
                    /** @description The request id (the caller’s `x-request-id` when it is short and plain, else a new one), in every log line of the request. */
                    "x-request-id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getReadingHistory: {
        parameters: {
            query: {
                /** @description When the read was taken, with its offset. */
                currentReadAt: string;
                /** @description The meter serial number, as files spell it. */
                meterSerial: string;
                /** @description The meter point. */
                nmi: string;
                /** @description The NMI suffix of the register (channel), e.g. `11`. */
                nmiSuffix: string;
                /** @description The register id, e.g. `1`. */
                registerId: string;
            };
            header?: {
                /** @description The ETag of an answer received before: 304 (and no body) when it is still current. */
                "if-none-match"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The versions, the one in force first. */
            200: {
                headers: {
                    /** @description The read model's version for this answer: send it back in If-None-Match to poll cheaply. */
                    ETag?: string;
                    /** @description The request id (the caller’s `x-request-id` when it is short and plain, else a new one), in every log line of the request. */
                    "x-request-id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ReadingHistory"];
                };
            };
            /** @description Not modified: the ETag sent in If-None-Match is still current. */
            304: {
                headers: {
                    /** @description The read model's version for this answer: send it back in If-None-Match to poll cheaply. */
                    ETag?: string;
                    /** @description The request id (the caller’s `x-request-id` when it is short and plain, else a new one), in every log line of the request. */
                    "x-request-id"?: string;
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The request is not valid: `issues` says what, field by field. */
            400: {
                headers: {
                    /** @description The request id (the caller’s `x-request-id` when it is short and plain, else a new one), in every log line of the request. */
                    "x-request-id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not signed in: sign in (POST /api/session) or send an API token as `Authorization: Bearer <token>`. */
            401: {
                headers: {
                    /** @description The request id (the caller’s `x-request-id` when it is short and plain, else a new one), in every log line of the request. */
                    "x-request-id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No file sent a register read with this key. */
            404: {
                headers: {
                    /** @description The request id (the caller’s `x-request-id` when it is short and plain, else a new one), in every log line of the request. */
                    "x-request-id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An unexpected failure (logged with the request id); nothing the client sent. */
            500: {
                headers: {
                    /** @description The request id (the caller’s `x-request-id` when it is short and plain, else a new one), in every log line of the request. */
                    "x-request-id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The database cannot be reached, or the request took too long: try again after `Retry-After` seconds. */
            503: {
                headers: {
                    /** @description Seconds to wait before trying again. */
                    "Retry-After"?: number;
                    /** @description The request id (the caller’s `x-request-id` when it is short and plain, else a new one), in every log line of the request. */
                    "x-request-id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getReadingVersions: {
        parameters: {
            query: {
                /** @description When the read was taken, with its offset. */
                currentReadAt: string;
                /** @description The meter serial number, as files spell it. */
                meterSerial: string;
                /** @description The meter point. */
                nmi: string;
                /** @description The NMI suffix of the register (channel), e.g. `11`. */
                nmiSuffix: string;
                /** @description The register id, e.g. `1`. */
                registerId: string;
            };
            header?: {
                /** @description The ETag of an answer received before: 304 (and no body) when it is still current. */
                "if-none-match"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The versions, newest first (none when nothing matches). */
            200: {
                headers: {
                    /** @description The read model's version for this answer: send it back in If-None-Match to poll cheaply. */
                    ETag?: string;
                    /** @description The request id (the caller’s `x-request-id` when it is short and plain, else a new one), in every log line of the request. */
                    "x-request-id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Reading"][];
                };
            };
            /** @description Not modified: the ETag sent in If-None-Match is still current. */
            304: {
                headers: {
                    /** @description The read model's version for this answer: send it back in If-None-Match to poll cheaply. */
                    ETag?: string;
                    /** @description The request id (the caller’s `x-request-id` when it is short and plain, else a new one), in every log line of the request. */
                    "x-request-id"?: string;
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The request is not valid: `issues` says what, field by field. */
            400: {
                headers: {
                    /** @description The request id (the caller’s `x-request-id` when it is short and plain, else a new one), in every log line of the request. */
                    "x-request-id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not signed in: sign in (POST /api/session) or send an API token as `Authorization: Bearer <token>`. */
            401: {
                headers: {
                    /** @description The request id (the caller’s `x-request-id` when it is short and plain, else a new one), in every log line of the request. */
                    "x-request-id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An unexpected failure (logged with the request id); nothing the client sent. */
            500: {
                headers: {
                    /** @description The request id (the caller’s `x-request-id` when it is short and plain, else a new one), in every log line of the request. */
                    "x-request-id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The database cannot be reached, or the request took too long: try again after `Retry-After` seconds. */
            503: {
                headers: {
                    /** @description Seconds to wait before trying again. */
                    "Retry-After"?: number;
                    /** @description The request id (the caller’s `x-request-id` when it is short and plain, else a new one), in every log line of the request. */
                    "x-request-id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getSession: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The caller. */
            200: {
                headers: {
                    /** @description The request id (the caller’s `x-request-id` when it is short and plain, else a new one), in every log line of the request. */
                    "x-request-id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Session"];
                };
            };
            /** @description Not signed in: sign in (POST /api/session) or send an API token as `Authorization: Bearer <token>`. */
            401: {
                headers: {
                    /** @description The request id (the caller’s `x-request-id` when it is short and plain, else a new one), in every log line of the request. */
                    "x-request-id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An unexpected failure (logged with the request id); nothing the client sent. */
            500: {
                headers: {
                    /** @description The request id (the caller’s `x-request-id` when it is short and plain, else a new one), in every log line of the request. */
                    "x-request-id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The database cannot be reached, or the request took too long: try again after `Retry-After` seconds. */
            503: {
                headers: {
                    /** @description Seconds to wait before trying again. */
                    "Retry-After"?: number;
                    /** @description The request id (the caller’s `x-request-id` when it is short and plain, else a new one), in every log line of the request. */
                    "x-request-id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    signIn: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CredentialsInput"];
            };
        };
        responses: {
            /** @description Signed in. */
            200: {
                headers: {
                    /** @description The request id (the caller’s `x-request-id` when it is short and plain, else a new one), in every log line of the request. */
                    "x-request-id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Session"];
                };
            };
            /** @description The request is not valid: `issues` says what, field by field. */
            400: {
                headers: {
                    /** @description The request id (the caller’s `x-request-id` when it is short and plain, else a new one), in every log line of the request. */
                    "x-request-id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The username or the password is wrong. */
            401: {
                headers: {
                    /** @description The request id (the caller’s `x-request-id` when it is short and plain, else a new one), in every log line of the request. */
                    "x-request-id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is larger than this operation takes. */
            413: {
                headers: {
                    /** @description The request id (the caller’s `x-request-id` when it is short and plain, else a new one), in every log line of the request. */
                    "x-request-id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is not of a media type this operation takes. */
            415: {
                headers: {
                    /** @description The request id (the caller’s `x-request-id` when it is short and plain, else a new one), in every log line of the request. */
                    "x-request-id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many failed sign-ins for this account or from this address: wait `Retry-After` seconds. */
            429: {
                headers: {
                    /** @description Seconds to wait before trying again. */
                    "Retry-After"?: number;
                    /** @description The request id (the caller’s `x-request-id` when it is short and plain, else a new one), in every log line of the request. */
                    "x-request-id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An unexpected failure (logged with the request id); nothing the client sent. */
            500: {
                headers: {
                    /** @description The request id (the caller’s `x-request-id` when it is short and plain, else a new one), in every log line of the request. */
                    "x-request-id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The database cannot be reached, or the request took too long: try again after `Retry-After` seconds. */
            503: {
                headers: {
                    /** @description Seconds to wait before trying again. */
                    "Retry-After"?: number;
                    /** @description The request id (the caller’s `x-request-id` when it is short and plain, else a new one), in every log line of the request. */
                    "x-request-id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    signOut: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Signed out. */
            204: {
                headers: {
                    /** @description The request id (the caller’s `x-request-id` when it is short and plain, else a new one), in every log line of the request. */
                    "x-request-id"?: string;
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Not signed in: sign in (POST /api/session) or send an API token as `Authorization: Bearer <token>`. */
            401: {
                headers: {
                    /** @description The request id (the caller’s `x-request-id` when it is short and plain, else a new one), in every log line of the request. */
                    "x-request-id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not allowed: a viewer on an admin operation, or a change made with a session without the `x-csrf-token` header. */
            403: {
                headers: {
                    /** @description The request id (the caller’s `x-request-id` when it is short and plain, else a new one), in every log line of the request. */
                    "x-request-id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An unexpected failure (logged with the request id); nothing the client sent. */
            500: {
                headers: {
                    /** @description The request id (the caller’s `x-request-id` when it is short and plain, else a new one), in every log line of the request. */
                    "x-request-id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The database cannot be reached, or the request took too long: try again after `Retry-After` seconds. */
            503: {
                headers: {
                    /** @description Seconds to wait before trying again. */
                    "Retry-After"?: number;
                    /** @description The request id (the caller’s `x-request-id` when it is short and plain, else a new one), in every log line of the request. */
                    "x-request-id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listTokens: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The tokens. */
            200: {
                headers: {
                    /** @description The request id (the caller’s `x-request-id` when it is short and plain, else a new one), in every log line of the request. */
                    "x-request-id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiToken"][];
                };
            };
            /** @description Not signed in: sign in (POST /api/session) or send an API token as `Authorization: Bearer <token>`. */
            401: {
                headers: {
                    /** @description The request id (the caller’s `x-request-id` when it is short and plain, else a new one), in every log line of the request. */
                    "x-request-id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not allowed: a viewer on an admin operation, or a change made with a session without the `x-csrf-token` header. */
            403: {
                headers: {
                    /** @description The request id (the caller’s `x-request-id` when it is short and plain, else a new one), in every log line of the request. */
                    "x-request-id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An unexpected failure (logged with the request id); nothing the client sent. */
            500: {
                headers: {
                    /** @description The request id (the caller’s `x-request-id` when it is short and plain, else a new one), in every log line of the request. */
                    "x-request-id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The database cannot be reached, or the request took too long: try again after `Retry-After` seconds. */
            503: {
                headers: {
                    /** @description Seconds to wait before trying again. */
                    "Retry-After"?: number;
                    /** @description The request id (the caller’s `x-request-id` when it is short and plain, else a new one), in every log line of the request. */
                    "x-request-id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    createToken: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["NewTokenInput"];
            };
        };
        responses: {
            /** @description The token, shown once. */
            201: {
                headers: {
                    /** @description The request id (the caller’s `x-request-id` when it is short and plain, else a new one), in every log line of the request. */
                    "x-request-id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CreatedToken"];
                };
            };
            /** @description The request is not valid: `issues` says what, field by field. */
            400: {
                headers: {
                    /** @description The request id (the caller’s `x-request-id` when it is short and plain, else a new one), in every log line of the request. */
                    "x-request-id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not signed in: sign in (POST /api/session) or send an API token as `Authorization: Bearer <token>`. */
            401: {
                headers: {
                    /** @description The request id (the caller’s `x-request-id` when it is short and plain, else a new one), in every log line of the request. */
                    "x-request-id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not allowed: a viewer on an admin operation, or a change made with a session without the `x-csrf-token` header. */
            403: {
                headers: {
                    /** @description The request id (the caller’s `x-request-id` when it is short and plain, else a new one), in every log line of the request. */
                    "x-request-id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No user of this name. */
            404: {
                headers: {
                    /** @description The request id (the caller’s `x-request-id` when it is short and plain, else a new one), in every log line of the request. */
                    "x-request-id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is larger than this operation takes. */
            413: {
                headers: {
                    /** @description The request id (the caller’s `x-request-id` when it is short and plain, else a new one), in every log line of the request. */
                    "x-request-id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is not of a media type this operation takes. */
            415: {
                headers: {
                    /** @description The request id (the caller’s `x-request-id` when it is short and plain, else a new one), in every log line of the request. */
                    "x-request-id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An unexpected failure (logged with the request id); nothing the client sent. */
            500: {
                headers: {
                    /** @description The request id (the caller’s `x-request-id` when it is short and plain, else a new one), in every log line of the request. */
                    "x-request-id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The database cannot be reached, or the request took too long: try again after `Retry-After` seconds. */
            503: {
                headers: {
                    /** @description Seconds to wait before trying again. */
                    "Retry-After"?: number;
                    /** @description The request id (the caller’s `x-request-id` when it is short and plain, else a new one), in every log line of the request. */
                    "x-request-id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    revokeToken: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The id, the prefix (nem_ and 8 characters) or the token. */
                token: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The token is revoked. */
            204: {
                headers: {
                    /** @description The request id (the caller’s `x-request-id` when it is short and plain, else a new one), in every log line of the request. */
                    "x-request-id"?: string;
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The request is not valid: `issues` says what, field by field. */
            400: {
                headers: {
                    /** @description The request id (the caller’s `x-request-id` when it is short and plain, else a new one), in every log line of the request. */
                    "x-request-id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not signed in: sign in (POST /api/session) or send an API token as `Authorization: Bearer <token>`. */
            401: {
                headers: {
                    /** @description The request id (the caller’s `x-request-id` when it is short and plain, else a new one), in every log line of the request. */
                    "x-request-id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not allowed: a viewer on an admin operation, or a change made with a session without the `x-csrf-token` header. */
            403: {
                headers: {
                    /** @description The request id (the caller’s `x-request-id` when it is short and plain, else a new one), in every log line of the request. */
                    "x-request-id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No token matches (or, by prefix, more than one: give its id). */
            404: {
                headers: {
                    /** @description The request id (the caller’s `x-request-id` when it is short and plain, else a new one), in every log line of the request. */
                    "x-request-id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A path parameter is longer than any this API routes. */
            414: {
                headers: {
                    /** @description The request id (the caller’s `x-request-id` when it is short and plain, else a new one), in every log line of the request. */
                    "x-request-id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An unexpected failure (logged with the request id); nothing the client sent. */
            500: {
                headers: {
                    /** @description The request id (the caller’s `x-request-id` when it is short and plain, else a new one), in every log line of the request. */
                    "x-request-id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The database cannot be reached, or the request took too long: try again after `Retry-After` seconds. */
            503: {
                headers: {
                    /** @description Seconds to wait before trying again. */
                    "Retry-After"?: number;
                    /** @description The request id (the caller’s `x-request-id` when it is short and plain, else a new one), in every log line of the request. */
                    "x-request-id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listUsers: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The users. */
            200: {
                headers: {
                    /** @description The request id (the caller’s `x-request-id` when it is short and plain, else a new one), in every log line of the request. */
                    "x-request-id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["User"][];
                };
            };
            /** @description Not signed in: sign in (POST /api/session) or send an API token as `Authorization: Bearer <token>`. */
            401: {
                headers: {
                    /** @description The request id (the caller’s `x-request-id` when it is short and plain, else a new one), in every log line of the request. */
                    "x-request-id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not allowed: a viewer on an admin operation, or a change made with a session without the `x-csrf-token` header. */
            403: {
                headers: {
                    /** @description The request id (the caller’s `x-request-id` when it is short and plain, else a new one), in every log line of the request. */
                    "x-request-id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An unexpected failure (logged with the request id); nothing the client sent. */
            500: {
                headers: {
                    /** @description The request id (the caller’s `x-request-id` when it is short and plain, else a new one), in every log line of the request. */
                    "x-request-id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The database cannot be reached, or the request took too long: try again after `Retry-After` seconds. */
            503: {
                headers: {
                    /** @description Seconds to wait before trying again. */
                    "Retry-After"?: number;
                    /** @description The request id (the caller’s `x-request-id` when it is short and plain, else a new one), in every log line of the request. */
                    "x-request-id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    addUser: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["NewUserInput"];
            };
        };
        responses: {
            /** @description The user was added. */
            201: {
                headers: {
                    /** @description The request id (the caller’s `x-request-id` when it is short and plain, else a new one), in every log line of the request. */
                    "x-request-id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["User"];
                };
            };
            /** @description The request is not valid: `issues` says what, field by field. */
            400: {
                headers: {
                    /** @description The request id (the caller’s `x-request-id` when it is short and plain, else a new one), in every log line of the request. */
                    "x-request-id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not signed in: sign in (POST /api/session) or send an API token as `Authorization: Bearer <token>`. */
            401: {
                headers: {
                    /** @description The request id (the caller’s `x-request-id` when it is short and plain, else a new one), in every log line of the request. */
                    "x-request-id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not allowed: a viewer on an admin operation, or a change made with a session without the `x-csrf-token` header. */
            403: {
                headers: {
                    /** @description The request id (the caller’s `x-request-id` when it is short and plain, else a new one), in every log line of the request. */
                    "x-request-id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A user of this name exists. */
            409: {
                headers: {
                    /** @description The request id (the caller’s `x-request-id` when it is short and plain, else a new one), in every log line of the request. */
                    "x-request-id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is larger than this operation takes. */
            413: {
                headers: {
                    /** @description The request id (the caller’s `x-request-id` when it is short and plain, else a new one), in every log line of the request. */
                    "x-request-id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is not of a media type this operation takes. */
            415: {
                headers: {
                    /** @description The request id (the caller’s `x-request-id` when it is short and plain, else a new one), in every log line of the request. */
                    "x-request-id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An unexpected failure (logged with the request id); nothing the client sent. */
            500: {
                headers: {
                    /** @description The request id (the caller’s `x-request-id` when it is short and plain, else a new one), in every log line of the request. */
                    "x-request-id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The database cannot be reached, or the request took too long: try again after `Retry-After` seconds. */
            503: {
                headers: {
                    /** @description Seconds to wait before trying again. */
                    "Retry-After"?: number;
                    /** @description The request id (the caller’s `x-request-id` when it is short and plain, else a new one), in every log line of the request. */
                    "x-request-id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    removeUser: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The username, any case. */
                username: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The user was removed. */
            204: {
                headers: {
                    /** @description The request id (the caller’s `x-request-id` when it is short and plain, else a new one), in every log line of the request. */
                    "x-request-id"?: string;
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The request is not valid: `issues` says what, field by field. */
            400: {
                headers: {
                    /** @description The request id (the caller’s `x-request-id` when it is short and plain, else a new one), in every log line of the request. */
                    "x-request-id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not signed in: sign in (POST /api/session) or send an API token as `Authorization: Bearer <token>`. */
            401: {
                headers: {
                    /** @description The request id (the caller’s `x-request-id` when it is short and plain, else a new one), in every log line of the request. */
                    "x-request-id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not allowed: a viewer on an admin operation, or a change made with a session without the `x-csrf-token` header. */
            403: {
                headers: {
                    /** @description The request id (the caller’s `x-request-id` when it is short and plain, else a new one), in every log line of the request. */
                    "x-request-id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No user of this name. */
            404: {
                headers: {
                    /** @description The request id (the caller’s `x-request-id` when it is short and plain, else a new one), in every log line of the request. */
                    "x-request-id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The user is the last admin. */
            409: {
                headers: {
                    /** @description The request id (the caller’s `x-request-id` when it is short and plain, else a new one), in every log line of the request. */
                    "x-request-id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A path parameter is longer than any this API routes. */
            414: {
                headers: {
                    /** @description The request id (the caller’s `x-request-id` when it is short and plain, else a new one), in every log line of the request. */
                    "x-request-id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An unexpected failure (logged with the request id); nothing the client sent. */
            500: {
                headers: {
                    /** @description The request id (the caller’s `x-request-id` when it is short and plain, else a new one), in every log line of the request. */
                    "x-request-id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The database cannot be reached, or the request took too long: try again after `Retry-After` seconds. */
            503: {
                headers: {
                    /** @description Seconds to wait before trying again. */
                    "Retry-After"?: number;
                    /** @description The request id (the caller’s `x-request-id` when it is short and plain, else a new one), in every log line of the request. */
                    "x-request-id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    setUserPassword: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The username, any case. */
                username: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["NewPasswordInput"];
            };
        };
        responses: {
            /** @description The password was set. */
            204: {
                headers: {
                    /** @description The request id (the caller’s `x-request-id` when it is short and plain, else a new one), in every log line of the request. */
                    "x-request-id"?: string;
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The request is not valid: `issues` says what, field by field. */
            400: {
                headers: {
                    /** @description The request id (the caller’s `x-request-id` when it is short and plain, else a new one), in every log line of the request. */
                    "x-request-id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not signed in: sign in (POST /api/session) or send an API token as `Authorization: Bearer <token>`. */
            401: {
                headers: {
                    /** @description The request id (the caller’s `x-request-id` when it is short and plain, else a new one), in every log line of the request. */
                    "x-request-id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not allowed: a viewer on an admin operation, or a change made with a session without the `x-csrf-token` header. */
            403: {
                headers: {
                    /** @description The request id (the caller’s `x-request-id` when it is short and plain, else a new one), in every log line of the request. */
                    "x-request-id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No user of this name. */
            404: {
                headers: {
                    /** @description The request id (the caller’s `x-request-id` when it is short and plain, else a new one), in every log line of the request. */
                    "x-request-id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is larger than this operation takes. */
            413: {
                headers: {
                    /** @description The request id (the caller’s `x-request-id` when it is short and plain, else a new one), in every log line of the request. */
                    "x-request-id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A path parameter is longer than any this API routes. */
            414: {
                headers: {
                    /** @description The request id (the caller’s `x-request-id` when it is short and plain, else a new one), in every log line of the request. */
                    "x-request-id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is not of a media type this operation takes. */
            415: {
                headers: {
                    /** @description The request id (the caller’s `x-request-id` when it is short and plain, else a new one), in every log line of the request. */
                    "x-request-id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An unexpected failure (logged with the request id); nothing the client sent. */
            500: {
                headers: {
                    /** @description The request id (the caller’s `x-request-id` when it is short and plain, else a new one), in every log line of the request. */
                    "x-request-id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The database cannot be reached, or the request took too long: try again after `Retry-After` seconds. */
            503: {
                headers: {
                    /** @description Seconds to wait before trying again. */
                    "Retry-After"?: number;
                    /** @description The request id (the caller’s `x-request-id` when it is short and plain, else a new one), in every log line of the request. */
                    "x-request-id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getHealth: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Healthy. */
            200: {
                headers: {
                    /** @description The request id (the caller’s `x-request-id` when it is short and plain, else a new one), in every log line of the request. */
                    "x-request-id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Health"];
                };
            };
            /** @description An `Authorization` header was sent and is not a valid API token. */
            401: {
                headers: {
                    /** @description The request id (the caller’s `x-request-id` when it is short and plain, else a new one), in every log line of the request. */
                    "x-request-id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An unexpected failure (logged with the request id); nothing the client sent. */
            500: {
                headers: {
                    /** @description The request id (the caller’s `x-request-id` when it is short and plain, else a new one), in every log line of the request. */
                    "x-request-id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Degraded; or, as a problem, the database was lost while the caller was being identified. */
            503: {
                headers: {
                    /** @description Seconds to wait before trying again. */
                    "Retry-After"?: number;
                    /** @description The request id (the caller’s `x-request-id` when it is short and plain, else a new one), in every log line of the request. */
                    "x-request-id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Health"];
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
}
