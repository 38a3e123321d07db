import createClient from 'openapi-fetch';
import type { paths } from './schema.js';
import type {
  ApiProblem,
  ApiToken,
  ChannelDayPage,
  CreatedToken,
  FileDetail,
  FileEventPage,
  FileSummary,
  FilesQuery,
  GenerationDiffPage,
  GenerationList,
  ImportResult,
  IntervalChannel,
  IntervalDay,
  MeterDetail,
  MeterPointDetail,
  Page,
  ProjectionStatus,
  Reading,
  ReadingHistory,
  ReadingKey,
  ReadingPage,
  ReadingsQuery,
  RebuildStatus,
  Role,
  SideBuildStatus,
  Session,
  SourceLine,
  UploadAnswer,
  UserAccount,
} from './types.js';

export interface ApiIssue {
  readonly path: string;
  readonly message: string;
}

/**
 * An answer that is not a success, as the API words it (RFC 9457 problem details: `code`, `detail`,
 * `issues`). `status` 0 with code `NETWORK` when the server could not be reached at all.
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly issues: readonly ApiIssue[] = [],
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

const CSRF_COOKIE = 'nem_csrf';
const CSRF_HEADER = 'x-csrf-token';
const SAFE_METHODS = new Set(['GET', 'HEAD']);

function isProblem(body: unknown): body is ApiProblem {
  return (
    typeof body === 'object' &&
    body !== null &&
    typeof (body as { code?: unknown }).code === 'string' &&
    typeof (body as { detail?: unknown }).detail === 'string'
  );
}

function readCookie(name: string): string | null {
  if (typeof document === 'undefined') return null;
  for (const part of document.cookie.split(';')) {
    const [key, ...value] = part.trim().split('=');
    if (key === name) return decodeURIComponent(value.join('='));
  }
  return null;
}

/** This page's origin; outside a browser (unit tests), a placeholder, since requests need one. */
function sameOrigin(): string {
  return typeof location === 'undefined' ? 'http://localhost' : location.origin;
}

/** Bytes of an upload sent so far, of how many. */
export type UploadProgress = (sent: number, total: number) => void;

/**
 * Sends a multipart upload and answers the server's response. fetch cannot report how much of a request
 * body has gone (streamed request bodies need HTTP/2), XMLHttpRequest can: a large file shows its progress.
 */
export type Uploader = (
  url: string,
  body: FormData,
  headers: Headers,
  onProgress: UploadProgress | undefined,
) => Promise<Response>;

function xhrUpload(url: string, body: FormData, headers: Headers, onProgress: UploadProgress | undefined) {
  return new Promise<Response>((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open('POST', url);
    request.withCredentials = true;
    headers.forEach((value, name) => request.setRequestHeader(name, value));
    request.responseType = 'text';
    if (onProgress !== undefined) {
      request.upload.addEventListener('progress', (event) => {
        if (event.lengthComputable) onProgress(event.loaded, event.total);
      });
    }
    request.addEventListener('load', () => {
      const answerHeaders = new Headers();
      for (const line of request
        .getAllResponseHeaders()
        .trim()
        .split(/[\r\n]+/)) {
        const colon = line.indexOf(':');
        if (colon > 0) answerHeaders.append(line.slice(0, colon).trim(), line.slice(colon + 1).trim());
      }
      resolve(
        new Response(request.status === 204 ? null : request.responseText, {
          status: request.status,
          statusText: request.statusText,
          headers: answerHeaders,
        }),
      );
    });
    // As fetch does: a request that got no answer rejects with a TypeError.
    request.addEventListener('error', () => reject(new TypeError('network error')));
    request.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')));
    request.send(body);
  });
}

const flag = (value: boolean | undefined) => (value === true ? ('true' as const) : undefined);

/** What openapi-fetch answers: the typed data, or the error body, with the response. */
interface Answer<T> {
  readonly data?: T;
  readonly error?: unknown;
  readonly response: Response;
}

/**
 * The API over fetch, same origin, with the session cookie, generated from the API's OpenAPI document
 * (openapi-fetch over schema.d.ts): paths, parameters and answers are typed by the server's contract.
 * Changes (POST, PUT, DELETE) carry the CSRF token: the one the session answer gave, or the `nem_csrf`
 * cookie's (the cookie wins: it follows a sign-in made in another tab).
 */
export class ApiClient {
  csrfToken: string | null = null;
  /** Called when a request other than signing in answers 401: the session has ended. */
  onUnauthenticated: (() => void) | null = null;
  private readonly client;
  private readonly baseUrl: string;

  constructor(
    base = '',
    private fetcher: typeof fetch = (input, init) => fetch(input, init),
    private uploader: Uploader | null = typeof XMLHttpRequest === 'undefined' ? null : xhrUpload,
  ) {
    this.baseUrl = base === '' ? sameOrigin() : base;
    this.client = createClient<paths>({
      baseUrl: this.baseUrl,
      credentials: 'same-origin',
      headers: { accept: 'application/json' },
      fetch: (request: Request) => this.fetcher(request),
    });
    this.client.use({
      onRequest: ({ request }) => {
        if (!SAFE_METHODS.has(request.method)) {
          const token = readCookie(CSRF_COOKIE) ?? this.csrfToken;
          if (token !== null) request.headers.set(CSRF_HEADER, token);
        }
        return request;
      },
    });
  }

  /** The data of a call, or an ApiError saying what went wrong. */
  private async settle<T>(call: Promise<Answer<T>>, path: string): Promise<T> {
    let answer: Answer<T>;
    try {
      answer = await call;
    } catch (error) {
      if (error instanceof DOMException && error.name === 'AbortError') throw error;
      if (error instanceof SyntaxError) {
        throw new ApiError(0, 'BAD_RESPONSE', 'the server answered with something that is not JSON');
      }
      throw new ApiError(0, 'NETWORK', 'the server could not be reached; check the connection and try again');
    }
    const { response } = answer;
    if (response.ok) return answer.data as T;
    if (response.status === 401 && path !== '/api/session') this.onUnauthenticated?.();
    const body = answer.error;
    if (isProblem(body)) throw new ApiError(response.status, body.code, body.detail, body.issues ?? []);
    throw new ApiError(
      response.status,
      `HTTP_${response.status}`,
      `the server answered ${response.status}${response.statusText === '' ? '' : ` ${response.statusText}`}`,
    );
  }

  // Session

  /** Who is signed in; null when nobody is (asked without a request when there is no CSRF cookie). */
  async session(signal?: AbortSignal): Promise<Session | null> {
    // Signing in sets the CSRF cookie beside the session cookie, with the same lifetime: without it there
    // is no session to ask about, and the browser is spared a logged 401.
    if (typeof document !== 'undefined' && readCookie(CSRF_COOKIE) === null && this.csrfToken === null) return null;
    try {
      const session = await this.settle(this.client.GET('/api/session', { signal: signal ?? null }), '/api/session');
      this.csrfToken = session.csrfToken;
      return session;
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) return null;
      throw error;
    }
  }

  async signIn(username: string, password: string): Promise<Session> {
    const session = await this.settle(
      this.client.POST('/api/session', { body: { username, password } }),
      '/api/session',
    );
    this.csrfToken = session.csrfToken;
    return session;
  }

  async signOut(): Promise<void> {
    try {
      await this.settle(this.client.DELETE('/api/session'), '/api/session');
    } finally {
      this.csrfToken = null;
    }
  }

  // Readings

  readings(query: ReadingsQuery, signal?: AbortSignal): Promise<ReadingPage> {
    const { prefix, includeSuperseded, cursor, ...rest } = query;
    return this.settle(
      this.client.GET('/api/readings', {
        params: {
          query: {
            ...rest,
            ...(flag(prefix) === undefined ? {} : { prefix: 'true' }),
            ...(flag(includeSuperseded) === undefined ? {} : { includeSuperseded: 'true' }),
            ...(cursor === undefined ? {} : { cursor }),
          },
        },
        signal: signal ?? null,
      }),
      '/api/readings',
    );
  }

  readingVersions(key: ReadingKey, signal?: AbortSignal): Promise<Reading[]> {
    return this.settle(
      this.client.GET('/api/readings/versions', { params: { query: key }, signal: signal ?? null }),
      '/api/readings/versions',
    );
  }

  /** Every version of one register read, the one in force first, each with why and the event behind it. */
  readingHistory(key: ReadingKey, signal?: AbortSignal): Promise<ReadingHistory> {
    return this.settle(
      this.client.GET('/api/readings/history', { params: { query: key }, signal: signal ?? null }),
      '/api/readings/history',
    );
  }

  meterPoint(nmi: string, signal?: AbortSignal, asOf = ''): Promise<MeterPointDetail> {
    return this.settle(
      this.client.GET('/api/meter-points/{nmi}', {
        params: { path: { nmi }, query: asOf === '' ? {} : { asOf } },
        signal: signal ?? null,
      }),
      '/api/meter-points',
    );
  }

  meter(serial: string, signal?: AbortSignal, asOf = ''): Promise<MeterDetail> {
    return this.settle(
      this.client.GET('/api/meters/{serial}', {
        params: { path: { serial }, query: asOf === '' ? {} : { asOf } },
        signal: signal ?? null,
      }),
      '/api/meters',
    );
  }

  // Interval data (NEM12)

  /** The interval channels of a NMI, or those a meter recorded. */
  async intervalChannels(of: { nmi: string } | { serial: string }, signal?: AbortSignal): Promise<IntervalChannel[]> {
    const answer = await this.settle(
      this.client.GET('/api/interval-channels', { params: { query: of }, signal: signal ?? null }),
      '/api/interval-channels',
    );
    return answer.items;
  }

  /** The daily totals of one channel, oldest first, a keyset page at a time. */
  channelDays(
    query: {
      nmi: string;
      suffix: string;
      serial?: string;
      from?: string;
      to?: string;
      limit?: number;
      cursor?: string;
    },
    signal?: AbortSignal,
  ): Promise<ChannelDayPage> {
    return this.settle(
      this.client.GET('/api/interval-channels/days', { params: { query }, signal: signal ?? null }),
      '/api/interval-channels/days',
    );
  }

  /** One day of one channel with its interval values; null when the channel has no such day. */
  async intervalDay(nmi: string, suffix: string, date: string, signal?: AbortSignal): Promise<IntervalDay | null> {
    const page = await this.settle(
      this.client.GET('/api/intervals', {
        params: { query: { nmi, suffix, from: date, to: date } },
        signal: signal ?? null,
      }),
      '/api/intervals',
    );
    return page.items.find((day) => day.nmiSuffix === suffix) ?? null;
  }

  // Files

  files(query: FilesQuery, signal?: AbortSignal): Promise<Page<FileSummary>> {
    return this.settle(
      this.client.GET('/api/files', {
        params: {
          query: {
            ...(query.status === undefined ? {} : { status: query.status }),
            ...(query.search === undefined || query.search === '' ? {} : { search: query.search }),
            ...(query.limit === undefined ? {} : { limit: query.limit }),
            ...(query.cursor === undefined ? {} : { cursor: query.cursor }),
          },
        },
        signal: signal ?? null,
      }),
      '/api/files',
    );
  }

  file(idOrName: string, signal?: AbortSignal): Promise<FileDetail> {
    return this.settle(
      this.client.GET('/api/files/{file}', { params: { path: { file: idOrName } }, signal: signal ?? null }),
      '/api/files',
    );
  }

  /**
   * Uploads files as one multipart request; `onProgress` hears how many bytes have gone (through
   * XMLHttpRequest, the only way a browser tells), then the answer lists what became of each file.
   */
  async upload(files: readonly File[], onProgress?: UploadProgress): Promise<ImportResult[]> {
    const form = new FormData();
    for (const file of files) form.append('file', file, file.name);
    const uploader = this.uploader;
    if (uploader === null) {
      const answer = await this.settle(
        this.client.POST('/api/files', {
          // A multipart body: the typed field stands for the parts, which go as they are.
          body: { file: files.map((file) => file.name) },
          bodySerializer: () => form,
        }),
        '/api/files',
      );
      return answer.results;
    }
    const headers = new Headers({ accept: 'application/json' });
    const token = readCookie(CSRF_COOKIE) ?? this.csrfToken;
    if (token !== null) headers.set(CSRF_HEADER, token);
    const sent = uploader(`${this.baseUrl}/api/files`, form, headers, onProgress).then(async (response) => {
      const body: unknown = await response.json();
      return response.ok ? { data: body as UploadAnswer, response } : { error: body, response };
    });
    const answer = await this.settle<UploadAnswer>(sent, '/api/files');
    return answer.results;
  }

  fileReadings(file: string, cursor: string | undefined, limit: number, signal?: AbortSignal): Promise<Page<Reading>> {
    return this.settle(
      this.client.GET('/api/files/{file}/readings', {
        params: { path: { file }, query: { limit, ...(cursor === undefined ? {} : { cursor }) } },
        signal: signal ?? null,
      }),
      '/api/files/readings',
    );
  }

  /** A page of the events of a file's stream, as stored, in stream order. */
  fileEvents(file: string, cursor: string | undefined, limit: number, signal?: AbortSignal): Promise<FileEventPage> {
    return this.settle(
      this.client.GET('/api/files/{file}/events', {
        params: { path: { file }, query: { limit, ...(cursor === undefined ? {} : { cursor }) } },
        signal: signal ?? null,
      }),
      '/api/files/events',
    );
  }

  /** Source lines of a file by number (at most 100 at once), to show beside its problems. */
  async fileLines(file: string, numbers: readonly number[], signal?: AbortSignal): Promise<SourceLine[]> {
    if (numbers.length === 0) return [];
    const answer = await this.settle(
      this.client.GET('/api/files/{file}/lines', {
        params: { path: { file }, query: { numbers: numbers.join(',') } },
        signal: signal ?? null,
      }),
      '/api/files/lines',
    );
    return answer.lines;
  }

  /** Where the browser downloads a file's original (an attachment named after the file). */
  originalHref(file: string): string {
    return `${this.baseUrl}/api/files/${encodeURIComponent(file)}/original`;
  }

  replay(fileId: string): Promise<{ fileId: string; replayed: true }> {
    return this.settle(
      this.client.POST('/api/files/{fileId}/replay', { params: { path: { fileId } } }),
      '/api/files/replay',
    );
  }

  // Projections

  projections(signal?: AbortSignal): Promise<ProjectionStatus> {
    return this.settle(this.client.GET('/api/projections', { signal: signal ?? null }), '/api/projections');
  }

  rebuildStatus(signal?: AbortSignal): Promise<RebuildStatus> {
    return this.settle(
      this.client.GET('/api/projections/rebuild', { signal: signal ?? null }),
      '/api/projections/rebuild',
    );
  }

  startRebuild(): Promise<RebuildStatus> {
    return this.settle(this.client.POST('/api/projections/rebuild'), '/api/projections/rebuild');
  }

  // Side generations of the read model (audits)

  generations(signal?: AbortSignal): Promise<GenerationList> {
    return this.settle(
      this.client.GET('/api/projections/generations', { signal: signal ?? null }),
      '/api/projections/generations',
    );
  }

  /** `until`: a global position (digits), a day or an instant with its offset. */
  buildGeneration(label: string, until: string): Promise<SideBuildStatus> {
    return this.settle(
      this.client.POST('/api/projections/generations', { body: { label, until } }),
      '/api/projections/generations',
    );
  }

  diffGeneration(label: string, against: string, cursor?: string, signal?: AbortSignal): Promise<GenerationDiffPage> {
    return this.settle(
      this.client.GET('/api/projections/generations/{label}/diff', {
        params: { path: { label }, query: { against, limit: 100, ...(cursor === undefined ? {} : { cursor }) } },
        signal: signal ?? null,
      }),
      '/api/projections/generations/diff',
    );
  }

  async dropGeneration(label: string): Promise<void> {
    await this.settle(
      this.client.DELETE('/api/projections/generations/{label}', { params: { path: { label } } }),
      '/api/projections/generations',
    );
  }

  // Users and tokens

  users(signal?: AbortSignal): Promise<UserAccount[]> {
    return this.settle(this.client.GET('/api/users', { signal: signal ?? null }), '/api/users');
  }

  addUser(username: string, role: Role, password: string): Promise<UserAccount> {
    return this.settle(this.client.POST('/api/users', { body: { username, role, password } }), '/api/users');
  }

  async removeUser(username: string): Promise<void> {
    await this.settle(this.client.DELETE('/api/users/{username}', { params: { path: { username } } }), '/api/users');
  }

  async setPassword(username: string, password: string): Promise<void> {
    await this.settle(
      this.client.PUT('/api/users/{username}/password', { params: { path: { username } }, body: { password } }),
      '/api/users',
    );
  }

  tokens(signal?: AbortSignal): Promise<ApiToken[]> {
    return this.settle(this.client.GET('/api/tokens', { signal: signal ?? null }), '/api/tokens');
  }

  /** `expiresAt`: an instant with its offset, or null for a token that works until revoked. */
  createToken(username: string, name: string, expiresAt: string | null = null): Promise<CreatedToken> {
    return this.settle(
      this.client.POST('/api/tokens', {
        body: expiresAt === null ? { username, name } : { username, name, expiresAt },
      }),
      '/api/tokens',
    );
  }

  async revokeToken(idOrPrefix: string): Promise<void> {
    await this.settle(
      this.client.DELETE('/api/tokens/{token}', { params: { path: { token: idOrPrefix } } }),
      '/api/tokens',
    );
  }
}

/** The one client the components use. */
export const api = new ApiClient();

/** A message for people from anything a call threw. */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) {
    const issues = error.issues.map((issue) => `${issue.path}: ${issue.message}`).join('; ');
    return issues === '' ? error.message : `${error.message} (${issues})`;
  }
  if (error instanceof Error) return error.message;
  return String(error);
}
