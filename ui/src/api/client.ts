import type {
  ApiToken,
  CreatedToken,
  FileDetail,
  FileSummary,
  FilesQuery,
  ImportResult,
  MeterDetail,
  MeterPointDetail,
  Page,
  ProjectionStatus,
  Reading,
  ReadingKey,
  ReadingsQuery,
  RebuildStatus,
  Role,
  Session,
  UserAccount,
} from './types.js';

export interface ApiIssue {
  readonly path: string;
  readonly message: string;
}

/**
 * An answer that is not a success, as the API words it (`{ code, message, issues? }`). `status` 0 with
 * code `NETWORK` when the server could not be reached at all.
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

type QueryValue = string | number | boolean | undefined;

export interface RequestOptions {
  readonly query?: Readonly<Record<string, QueryValue>>;
  readonly json?: unknown;
  readonly form?: FormData;
  readonly signal?: AbortSignal | undefined;
  /** Statuses besides 2xx whose JSON body is an answer, not an error (say 409 with a status body). */
  readonly accept?: readonly number[];
}

function isErrorBody(body: unknown): body is { code: string; message: string; issues?: ApiIssue[] } {
  return (
    typeof body === 'object' &&
    body !== null &&
    typeof (body as { code?: unknown }).code === 'string' &&
    typeof (body as { message?: unknown }).message === 'string'
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

export function buildQuery(query: Readonly<Record<string, QueryValue>> | undefined): string {
  if (query === undefined) return '';
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === '' || value === false) continue;
    params.set(key, String(value));
  }
  const text = params.toString();
  return text === '' ? '' : `?${text}`;
}

const segment = encodeURIComponent;

/**
 * The API over fetch, same origin, with the session cookie. Changes (POST, PUT, DELETE) carry the CSRF
 * token: the one the session answer gave, or the `nem_csrf` cookie's (the cookie wins: it follows a
 * sign-in made in another tab).
 */
export class ApiClient {
  csrfToken: string | null = null;
  /** Called when a request other than signing in answers 401: the session has ended. */
  onUnauthenticated: (() => void) | null = null;

  constructor(
    private readonly base = '',
    private readonly fetcher: typeof fetch = (input, init) => fetch(input, init),
  ) {}

  async request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
    const headers: Record<string, string> = { accept: 'application/json' };
    let body: BodyInit | undefined;
    if (options.json !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(options.json);
    } else if (options.form !== undefined) {
      body = options.form;
    }
    if (!SAFE_METHODS.has(method)) {
      const token = readCookie(CSRF_COOKIE) ?? this.csrfToken;
      if (token !== null) headers[CSRF_HEADER] = token;
    }
    let response: Response;
    try {
      response = await this.fetcher(`${this.base}${path}${buildQuery(options.query)}`, {
        method,
        headers,
        credentials: 'same-origin',
        ...(body === undefined ? {} : { body }),
        ...(options.signal === undefined ? {} : { signal: options.signal }),
      });
    } catch (error) {
      if (error instanceof DOMException && error.name === 'AbortError') throw error;
      throw new ApiError(0, 'NETWORK', 'the server could not be reached; check the connection and try again');
    }
    if (response.status === 204) return undefined as T;
    const text = await response.text();
    let parsed: unknown = undefined;
    if (text !== '') {
      try {
        parsed = JSON.parse(text);
      } catch {
        parsed = undefined;
      }
    }
    if (response.ok || options.accept?.includes(response.status) === true) {
      if (parsed === undefined && text !== '')
        throw new ApiError(response.status, 'BAD_RESPONSE', 'the server answered with something that is not JSON');
      return parsed as T;
    }
    if (response.status === 401 && path !== '/api/session') this.onUnauthenticated?.();
    if (isErrorBody(parsed)) throw new ApiError(response.status, parsed.code, parsed.message, parsed.issues ?? []);
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
      const session = await this.request<Session>('GET', '/api/session', { signal });
      this.csrfToken = session.csrfToken;
      return session;
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) return null;
      throw error;
    }
  }

  async signIn(username: string, password: string): Promise<Session> {
    const session = await this.request<Session>('POST', '/api/session', { json: { username, password } });
    this.csrfToken = session.csrfToken;
    return session;
  }

  async signOut(): Promise<void> {
    try {
      await this.request<undefined>('DELETE', '/api/session');
    } finally {
      this.csrfToken = null;
    }
  }

  // Readings

  readings(query: ReadingsQuery, signal?: AbortSignal): Promise<Page<Reading>> {
    return this.request('GET', '/api/readings', {
      query: {
        nmi: query.nmi,
        serial: query.serial,
        prefix: query.prefix,
        from: query.from,
        to: query.to,
        includeSuperseded: query.includeSuperseded,
        limit: query.limit,
        cursor: query.cursor,
      },
      signal,
    });
  }

  readingVersions(key: ReadingKey, signal?: AbortSignal): Promise<Reading[]> {
    return this.request('GET', '/api/readings/versions', { query: { ...key }, signal });
  }

  meterPoint(nmi: string, signal?: AbortSignal): Promise<MeterPointDetail> {
    return this.request('GET', `/api/meter-points/${segment(nmi)}`, { signal });
  }

  meter(serial: string, signal?: AbortSignal): Promise<MeterDetail> {
    return this.request('GET', `/api/meters/${segment(serial)}`, { signal });
  }

  // Files

  files(query: FilesQuery, signal?: AbortSignal): Promise<Page<FileSummary>> {
    return this.request('GET', '/api/files', {
      query: { status: query.status, search: query.search, limit: query.limit, cursor: query.cursor },
      signal,
    });
  }

  file(idOrName: string, signal?: AbortSignal): Promise<FileDetail> {
    return this.request('GET', `/api/files/${segment(idOrName)}`, { signal });
  }

  async upload(files: readonly File[]): Promise<ImportResult[]> {
    const form = new FormData();
    for (const file of files) form.append('file', file, file.name);
    const answer = await this.request<{ results: ImportResult[] }>('POST', '/api/files', { form });
    return answer.results;
  }

  replay(fileId: string): Promise<{ fileId: string; replayed: true }> {
    return this.request('POST', `/api/files/${segment(fileId)}/replay`);
  }

  // Projections

  projections(signal?: AbortSignal): Promise<ProjectionStatus> {
    return this.request('GET', '/api/projections', { signal });
  }

  rebuildStatus(signal?: AbortSignal): Promise<RebuildStatus> {
    return this.request('GET', '/api/projections/rebuild', { signal });
  }

  /** Starts a rebuild; one already running answers 409 with its status, which is returned as well. */
  startRebuild(): Promise<RebuildStatus> {
    return this.request('POST', '/api/projections/rebuild', { accept: [409] });
  }

  // Users and tokens

  users(signal?: AbortSignal): Promise<UserAccount[]> {
    return this.request('GET', '/api/users', { signal });
  }

  addUser(username: string, role: Role, password: string): Promise<UserAccount> {
    return this.request('POST', '/api/users', { json: { username, role, password } });
  }

  removeUser(username: string): Promise<void> {
    return this.request('DELETE', `/api/users/${segment(username)}`);
  }

  setPassword(username: string, password: string): Promise<void> {
    return this.request('PUT', `/api/users/${segment(username)}/password`, { json: { password } });
  }

  tokens(signal?: AbortSignal): Promise<ApiToken[]> {
    return this.request('GET', '/api/tokens', { signal });
  }

  /** `expiresAt`: an instant with its offset, or null for a token that works until revoked. */
  createToken(username: string, name: string, expiresAt: string | null = null): Promise<CreatedToken> {
    return this.request('POST', '/api/tokens', {
      json: expiresAt === null ? { username, name } : { username, name, expiresAt },
    });
  }

  revokeToken(idOrPrefix: string): Promise<void> {
    return this.request('DELETE', `/api/tokens/${segment(idOrPrefix)}`);
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
