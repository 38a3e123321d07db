import { lstat, mkdir, readdir, rename, stat, writeFile } from 'node:fs/promises';
import { extname, join } from 'node:path';
import type { EventStore } from '../domain/event-store/event-store.js';
import type { FlowProblem } from '../domain/flow-summary.js';
import { plural } from '../domain/text.js';
import type { OpenFlowFile } from './flow-file.js';
import { importFlowFile, recordsOf, type ImportResult } from './import-flow-file.js';
import type { OriginalsArchive } from './originals.js';

/** Imports one file of the inbox: `path` to read, `fileName` to record. */
export type InboxImport = (path: string, fileName: string) => Promise<ImportResult>;

export interface InboxLogger {
  info(message: string): void;
  error(message: string): void;
}

export interface InboxDependencies {
  readonly importFile: InboxImport;
  /** Runs after each file has been imported and moved, e.g. to bring the read model up to date. */
  readonly afterImport?: (() => Promise<void>) | undefined;
  readonly logger: InboxLogger;
}

export interface InboxOptions {
  /** A file is complete once its size and modification time have not changed for this long. */
  readonly stableMs?: number | undefined;
  /** Time between two looks at the folder. */
  readonly pollMs?: number | undefined;
  /** Milliseconds since some origin; tests pass a fake clock. */
  readonly clock?: (() => number) | undefined;
}

export const PROCESSED_DIR = 'processed';
export const REJECTED_DIR = 'rejected';
const ERRORS_SUFFIX = '.errors.txt';
const MAX_RETRY_MS = 60_000;

/** The inbox import of the application: the same use case as `nem import`, on channel 'inbox'. */
export function importFromInbox(store: EventStore, open: OpenFlowFile, originals?: OriginalsArchive): InboxImport {
  return (path, fileName) => importFlowFile(store, () => open(path), { channel: 'inbox', fileName, originals });
}

/** Names an uploader gives a file while it is still being written; the final name comes by a rename. */
export function isTemporaryName(name: string): boolean {
  return name.startsWith('.') || /\.(tmp|part|partial|filepart|uploading)$/i.test(name);
}

/** Where a file went: the folder and the name it got there (a suffix is added when the name was taken). */
export interface InboxOutcome {
  readonly name: string;
  readonly result: ImportResult;
  readonly folder: typeof PROCESSED_DIR | typeof REJECTED_DIR;
  readonly movedAs: string;
}

interface Sighting {
  readonly size: number;
  readonly mtimeMs: number;
  /** When this size and mtime were first seen. */
  readonly since: number;
}

interface Failure {
  readonly count: number;
  readonly retryAt: number;
}

export class InboxFolderError extends Error {
  constructor(
    readonly dir: string,
    cause: unknown,
  ) {
    super(`the inbox ${dir} is not a readable folder (${cause instanceof Error ? cause.message : String(cause)})`, {
      cause,
    });
    this.name = 'InboxFolderError';
  }
}

/**
 * Watches a landing folder: each regular file directly in it is imported once complete (its size and
 * mtime unchanged for `stableMs`), one at a time in name order, then moved to `processed/` or, with a
 * `.errors.txt` beside it, to `rejected/`. It only polls (fs.watch is unreliable on the network mounts
 * an sFTP landing folder often is). Restarts are safe because the import is idempotent: a file left in
 * the folder by a crash is imported again, which makes it a duplicate, and moved.
 */
export class InboxWatcher {
  readonly processedDir: string;
  readonly rejectedDir: string;
  private readonly stableMs: number;
  private readonly pollMs: number;
  private readonly clock: () => number;
  private readonly seen = new Map<string, Sighting>();
  private readonly failures = new Map<string, Failure>();
  /** Polls run one after another, whether from the timer or from processOnce. */
  private queue: Promise<unknown> = Promise.resolve();
  private timer: NodeJS.Timeout | null = null;
  private running = false;
  private stopping = false;
  private folderError: string | null = null;

  constructor(
    readonly dir: string,
    private readonly deps: InboxDependencies,
    options: InboxOptions = {},
  ) {
    this.stableMs = options.stableMs ?? 2000;
    this.pollMs = options.pollMs ?? 500;
    this.clock = options.clock ?? (() => performance.now());
    this.processedDir = join(dir, PROCESSED_DIR);
    this.rejectedDir = join(dir, REJECTED_DIR);
  }

  /** Checks the folder, creates `processed/` and `rejected/`, and starts polling. */
  async start(): Promise<void> {
    if (this.running) return;
    await this.ensureFolders();
    this.running = true;
    this.schedule(0);
  }

  /** Stops polling; resolves once the file in progress (if any) is imported, moved and followed up. */
  async stop(): Promise<void> {
    this.running = false;
    this.stopping = true;
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    await this.queue;
    this.stopping = false;
  }

  /** One look at the folder: imports and moves the files found complete; answers how many were moved. */
  processOnce(): Promise<number> {
    const next = this.queue.then(() => this.poll());
    this.queue = next.catch(() => undefined);
    return next;
  }

  private schedule(delay: number): void {
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.processOnce()
        .catch((error: unknown) => this.deps.logger.error(`inbox ${this.dir}: ${describe(error)}`))
        .finally(() => {
          if (this.running) this.schedule(this.pollMs);
        });
    }, delay);
  }

  private async ensureFolders(): Promise<void> {
    try {
      const info = await stat(this.dir);
      if (!info.isDirectory()) throw new Error('not a directory');
      await mkdir(this.processedDir, { recursive: true });
      await mkdir(this.rejectedDir, { recursive: true });
    } catch (error) {
      throw new InboxFolderError(this.dir, error);
    }
  }

  private async poll(): Promise<number> {
    let names: string[];
    try {
      await this.ensureFolders();
      names = (await readdir(this.dir, { withFileTypes: true }))
        .filter((entry) => entry.isFile() && !isTemporaryName(entry.name))
        .map((entry) => entry.name)
        .sort();
      this.folderError = null;
    } catch (error) {
      // Said once, not every poll, until the folder is back.
      const message = describe(error);
      if (message !== this.folderError) this.deps.logger.error(`inbox ${this.dir}: ${message}`);
      this.folderError = message;
      return 0;
    }

    const ready = await this.completeFiles(names);
    let moved = 0;
    for (const name of ready) {
      if (this.stopping) break;
      if (await this.process(name)) moved++;
    }
    return moved;
  }

  /** Updates what was seen of each name and answers the names whose size and mtime have settled. */
  private async completeFiles(names: readonly string[]): Promise<string[]> {
    const now = this.clock();
    const present = new Set(names);
    for (const name of [...this.seen.keys()]) if (!present.has(name)) this.seen.delete(name);
    for (const name of [...this.failures.keys()]) if (!present.has(name)) this.failures.delete(name);

    const ready: string[] = [];
    for (const name of names) {
      let size: number;
      let mtimeMs: number;
      try {
        const info = await lstat(join(this.dir, name));
        if (!info.isFile()) continue;
        ({ size, mtimeMs } = info);
      } catch {
        // Gone between readdir and lstat: renamed or removed by its writer.
        this.seen.delete(name);
        continue;
      }
      const before = this.seen.get(name);
      if (before?.size !== size || before.mtimeMs !== mtimeMs) {
        this.seen.set(name, { size, mtimeMs, since: now });
        // A file that changed after a failed import gets a fresh start.
        if (before !== undefined) this.failures.delete(name);
        continue;
      }
      if (now - before.since < this.stableMs) continue;
      const failure = this.failures.get(name);
      if (failure !== undefined && now < failure.retryAt) continue;
      ready.push(name);
    }
    return ready;
  }

  /** Imports and moves one complete file; answers whether it was moved. */
  private async process(name: string): Promise<boolean> {
    const path = join(this.dir, name);
    let outcome: InboxOutcome;
    let result: ImportResult | null = null;
    try {
      result = await this.deps.importFile(path, name);
      // A duplicate of a file rejected earlier (or one rejected just before a crash) is still a bad file;
      // a refused one (too large: a zip bomb, say) goes there too, with the reason, rather than being
      // retried for ever.
      const folder = result.errorCount === 0 ? PROCESSED_DIR : REJECTED_DIR;
      const movedAs = await this.move(name, result, folder);
      outcome = { name, result, folder, movedAs };
    } catch (error) {
      // The next try imports it again: as a duplicate when this one got as far as the event store.
      const count = (this.failures.get(name)?.count ?? 0) + 1;
      const delay = Math.min(MAX_RETRY_MS, Math.max(this.pollMs, 1000) * 2 ** (count - 1));
      this.failures.set(name, { count, retryAt: this.clock() + delay });
      const what = result === null ? 'not imported' : `${result.status} but not moved`;
      this.deps.logger.error(
        `${name}: ${what}, left in the inbox (${describe(error)}); next try in ${formatDelay(delay)}`,
      );
      return false;
    }
    this.seen.delete(name);
    this.failures.delete(name);
    this.deps.logger.info(describeOutcome(outcome));
    if (this.deps.afterImport !== undefined) {
      try {
        await this.deps.afterImport();
      } catch (error) {
        this.deps.logger.error(`${name}: imported, but the step after the import failed (${describe(error)})`);
      }
    }
    return true;
  }

  /** Renames the file into its folder under a free name (never over another file); answers that name. */
  private async move(name: string, result: ImportResult, folder: InboxOutcome['folder']): Promise<string> {
    const target = folder === PROCESSED_DIR ? this.processedDir : this.rejectedDir;
    const rejected = folder === REJECTED_DIR;
    const movedAs = await freeName(target, name, rejected ? [ERRORS_SUFFIX] : []);
    await rename(join(this.dir, name), join(target, movedAs));
    // Written after the move: a crash in between leaves a rejected file without its report (the problems
    // are in the event store), never a report whose file is still waiting in the inbox.
    if (rejected) await writeFile(join(target, movedAs + ERRORS_SUFFIX), errorsReport(name, result), { flag: 'wx' });
    return movedAs;
  }
}

async function exists(path: string): Promise<boolean> {
  try {
    await lstat(path);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw error;
  }
}

/** `name`, or `stem.1.ext`, `stem.2.ext`, ... : the first one free in `folder`, with its companions. */
async function freeName(folder: string, name: string, companions: readonly string[]): Promise<string> {
  const ext = extname(name);
  const stem = name.slice(0, name.length - ext.length);
  for (let n = 0; ; n++) {
    const candidate = n === 0 ? name : `${stem}.${n}${ext}`;
    const taken = await Promise.all(
      [candidate, ...companions.map((c) => candidate + c)].map((c) => exists(join(folder, c))),
    );
    if (!taken.includes(true)) return candidate;
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function formatDelay(ms: number): string {
  return ms >= 1000 ? `${Math.round(ms / 1000)} s` : `${ms} ms`;
}

/** One line per file: `<name>: imported (N readings) -> processed/` (`N interval days` for a NEM12 file). */
export function describeOutcome(outcome: InboxOutcome): string {
  const { result } = outcome;
  const warnings = result.warningCount > 0 ? `, ${plural(result.warningCount, 'warning')}` : '';
  let verdict: string;
  if (result.status === 'imported') {
    verdict = `imported (${recordsOf(result)}${warnings})`;
  } else if (result.status === 'rejected') verdict = `rejected (${plural(result.errorCount, 'error')}${warnings})`;
  else if (result.status === 'refused') verdict = `refused (${result.errors[0]?.message ?? 'too large'})`;
  else if (result.errorCount > 0) verdict = `duplicate of a rejected file (${plural(result.errorCount, 'error')})`;
  else verdict = 'duplicate';
  const where = outcome.movedAs === outcome.name ? `${outcome.folder}/` : `${outcome.folder}/${outcome.movedAs}`;
  return `${outcome.name}: ${verdict} -> ${where}`;
}

function problemLine(problem: FlowProblem): string {
  const where = problem.line > 0 ? `line ${problem.line}` : 'whole file';
  return `${where}: ${problem.field ?? '-'}: ${problem.message} (${problem.code})`;
}

/** The `.errors.txt` beside a rejected file. */
export function errorsReport(name: string, result: ImportResult): string {
  const lines = [
    result.status === 'refused'
      ? `${name}: refused, nothing recorded`
      : `${name}: rejected with ${plural(result.errorCount, 'error')} and ${plural(result.warningCount, 'warning')}`,
    `sha256: ${result.sha256 ?? '(none: the file was not read whole)'}`,
    '',
    `Errors (${result.errorCount}):`,
    ...result.errors.map(problemLine),
  ];
  const errorsOmitted = result.errorCount - result.errors.length;
  if (errorsOmitted > 0) lines.push(`... and ${plural(errorsOmitted, 'more error')} not listed`);
  if (result.warningCount > 0) {
    lines.push('', `Warnings (${result.warningCount}):`, ...result.warnings.map(problemLine));
    const warningsOmitted = result.warningCount - result.warnings.length;
    if (warningsOmitted > 0) lines.push(`... and ${plural(warningsOmitted, 'more warning')} not listed`);
  }
  return `${lines.join('\n')}\n`;
}
