/**
 * A register read's history for answers as of an instant: files sent at known instants (their closing
 * events' recorded times are set in SQL before the read model sees them), one of them a correction with a
 * later UpdateDateTime, one a stale version that never wins, one whose import never finished and one
 * rejected.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql, type CommonQueryMethods } from 'slonik';
import { z } from 'zod';
import { importFlowFile } from '../src/application/import-flow-file.js';
import type { EventStore } from '../src/domain/event-store/event-store.js';
import { HEADER, nem13File, record250 } from '../src/domain/nem13/nem13.fixtures.js';
import { fileStreamName } from '../src/domain/events/file-events.js';
import { openFlowFile } from '../src/infrastructure/files/flow-file.js';
import { TEST_LIMITS } from './limits.js';

export const AS_OF_NMI = 'VASF000001';
export const AS_OF_SERIAL = 'METAOF1';

/** The register read sent again (suffix 11, register 1, read on 2004-01-07 10:03:33). */
function version(read: string, quantity: string, updatedAt: string): string {
  return record250({
    NMI: AS_OF_NMI,
    MeterSerialNumber: AS_OF_SERIAL,
    CurrentRegisterRead: read,
    Quantity: quantity,
    UpdateDateTime: updatedAt,
  });
}

/** Another register of the meter, sent once. */
const OTHER_REGISTER = record250({
  NMI: AS_OF_NMI,
  MeterSerialNumber: AS_OF_SERIAL,
  NMISuffix: '12',
  RegisterID: '2',
  PreviousRegisterRead: '000100.0',
  CurrentRegisterRead: '000500.0',
  Quantity: '400.0',
});

export interface AsOfFile {
  readonly name: string;
  readonly content: string;
  /** How its import ends. */
  readonly ends: 'imported' | 'rejected' | 'never';
  /** When its closing event is recorded (NEM time). */
  readonly closedAt: string;
  /** The current read of the register read it sends. */
  readonly read: string;
}

/** In the order they are imported. */
export const AS_OF_FILES: readonly AsOfFile[] = [
  {
    name: 'first.csv',
    content: nem13File(version('007654.9', '1312.1', '20040108100333'), OTHER_REGISTER),
    ends: 'imported',
    closedAt: '2005-03-01T12:00:00+10:00',
    read: '007654.9',
  },
  {
    // Would win (newest UpdateDateTime) had its import finished.
    name: 'stuck.csv',
    content: nem13File(version('007800.0', '1457.2', '20040301000000')),
    ends: 'never',
    closedAt: '2005-03-02T12:00:00+10:00',
    read: '007800.0',
  },
  {
    // No 900 record: rejected, though its reading would win.
    name: 'rejected.csv',
    content: [HEADER, version('007900.0', '1557.2', '20040401000000')].join('\n'),
    ends: 'rejected',
    closedAt: '2005-03-02T13:00:00+10:00',
    read: '007900.0',
  },
  {
    // The correction: a later UpdateDateTime. Recorded part-way through a second, which counts whole.
    name: 'correction.csv',
    content: nem13File(version('007700.0', '1357.2', '20040201120000')),
    ends: 'imported',
    closedAt: '2005-03-05T12:00:00.400+10:00',
    read: '007700.0',
  },
  {
    // Sent last but older (an earlier UpdateDateTime than the first): it never wins.
    name: 'stale.csv',
    content: nem13File(version('007600.0', '1257.2', '20040101000000')),
    ends: 'imported',
    closedAt: '2005-03-07T12:00:00+10:00',
    read: '007600.0',
  },
];

/** Imports the files into the store and sets when they closed; the caller then projects them. */
export async function importAsOfHistory(db: CommonQueryMethods, store: EventStore): Promise<string[]> {
  const dir = mkdtempSync(join(tmpdir(), 'nem-as-of-'));
  const ids: string[] = [];
  for (const file of AS_OF_FILES) {
    const path = join(dir, file.name);
    writeFileSync(path, file.content);
    const report = await importFlowFile(store, () => openFlowFile(path, TEST_LIMITS), { channel: 'cli' });
    if (report.sha256 === null) throw new Error(`${file.name} was not read (${report.status})`);
    ids.push(report.sha256);
    await setClosedAt(db, report.sha256, file);
  }
  return ids;
}

/** The file's events recorded an hour before it closed, its closing event at `closedAt` (or removed). */
export async function setClosedAt(db: CommonQueryMethods, fileId: string, file: AsOfFile): Promise<void> {
  // Whatever its format's name (nem13File- or nem12File-): the text of its stream's row.
  const streams = sql.array(
    (['NEM13', 'NEM12'] as const).map((format) => fileStreamName(fileId, format)),
    'text',
  );
  const stream = sql.fragment`ANY(${streams})`;
  await db.query(sql.unsafe`
    UPDATE nem_events SET recorded_at = ${file.closedAt}::timestamptz - interval '1 hour'
    WHERE stream_id = (SELECT stream_id FROM nem_streams WHERE stream_name = ${stream})`);
  if (file.ends === 'never') {
    // The state of an import that died before FileImported.
    await db.query(
      sql.unsafe`DELETE FROM nem_events WHERE stream_id = (SELECT stream_id FROM nem_streams WHERE stream_name = ${stream}) AND event_type = 'FileImported'`,
    );
    return;
  }
  const closing = file.ends === 'imported' ? 'FileImported' : 'FileRejected';
  const updated = await db.anyFirst(sql.type(z.object({ id: z.string() }))`
    UPDATE nem_events SET recorded_at = ${file.closedAt}::timestamptz
    WHERE stream_id = (SELECT stream_id FROM nem_streams WHERE stream_name = ${stream}) AND event_type = ${closing} RETURNING event_id::text AS id`);
  if (updated.length !== 1) throw new Error(`${file.name}: expected one ${closing} event`);
}
