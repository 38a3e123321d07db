import type { FileStatus } from './api/types.js';
import { FILE_STATUSES } from './api/types.js';

/**
 * Hash routes, so the server needs no route of its own beyond `/`:
 * `#/search?q=…`, `#/nmi/<nmi>`, `#/meter/<serial>`, `#/files?search=…&status=…`, `#/files/<sha256-or-name>`,
 * `#/admin`. Parsing and building are pure; components/app-shell.ts listens for `hashchange`.
 */

export type SearchKind = 'auto' | 'nmi' | 'serial';
export type SearchOrder = 'desc' | 'asc';

export interface SearchParams {
  readonly q: string;
  readonly kind: SearchKind;
  readonly prefix: boolean;
  readonly from: string;
  readonly to: string;
  readonly superseded: boolean;
  /** By current read date: newest first (`desc`) or oldest first. */
  readonly order: SearchOrder;
  /** 1-based page number, for people. */
  readonly page: number;
  /** The keyset cursor that opens the page (the previous page's `nextCursor`); '' for the first. */
  readonly after: string;
  /** As the service knew them at this moment (`2005-03-03` or `2005-03-03T09:30`, NEM time); '' for now. */
  readonly asOf: string;
}

/** How the readings of a meter point or a meter are shown: order, page (with its cursor), superseded. */
export interface ReadingsView {
  readonly order: SearchOrder;
  readonly page: number;
  readonly after: string;
  readonly superseded: boolean;
  /** As the service knew them at this moment (`2005-03-03` or `2005-03-03T09:30`, NEM time); '' for now. */
  readonly asOf: string;
}

export interface FilesParams {
  readonly search: string;
  readonly status: FileStatus | '';
}

export type Route =
  | { readonly name: 'search'; readonly params: SearchParams }
  | { readonly name: 'nmi'; readonly nmi: string; readonly view: ReadingsView }
  | { readonly name: 'meter'; readonly serial: string; readonly view: ReadingsView }
  | { readonly name: 'files'; readonly params: FilesParams }
  | { readonly name: 'file'; readonly id: string }
  | { readonly name: 'admin' }
  | { readonly name: 'not-found'; readonly path: string };

export const EMPTY_SEARCH: SearchParams = {
  q: '',
  kind: 'auto',
  prefix: false,
  from: '',
  to: '',
  superseded: false,
  order: 'desc',
  page: 1,
  after: '',
  asOf: '',
};
export const FIRST_READINGS: ReadingsView = { order: 'desc', page: 1, after: '', superseded: false, asOf: '' };
export const EMPTY_FILES: FilesParams = { search: '', status: '' };

function decode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

const DATE = /^\d{4}-\d\d-\d\d$/;
/** A day, or a day and a time to the minute or second, in NEM time: what the "As of" field gives. */
const AS_OF = /^\d{4}-\d\d-\d\d(T\d\d:\d\d(:\d\d)?)?$/;

function readingsView(query: URLSearchParams): ReadingsView {
  const after = query.get('after') ?? '';
  const page = Number(query.get('page') ?? '1');
  // A page past the first needs the cursor that opens it; without one, the list starts over.
  const paged = after !== '' && Number.isSafeInteger(page) && page > 1;
  return {
    order: query.get('order') === 'asc' ? 'asc' : 'desc',
    page: paged ? page : 1,
    after: paged ? after : '',
    superseded: query.get('superseded') === '1',
    asOf: AS_OF.test(query.get('asOf') ?? '') ? (query.get('asOf') ?? '') : '',
  };
}

function searchParams(query: URLSearchParams): SearchParams {
  const kind = query.get('by');
  const from = query.get('from') ?? '';
  const to = query.get('to') ?? '';
  return {
    q: (query.get('q') ?? '').trim(),
    kind: kind === 'nmi' || kind === 'serial' ? kind : 'auto',
    prefix: query.get('prefix') === '1',
    from: DATE.test(from) ? from : '',
    to: DATE.test(to) ? to : '',
    ...readingsView(query),
  };
}

function filesParams(query: URLSearchParams): FilesParams {
  const status = query.get('status') ?? '';
  return {
    search: (query.get('search') ?? '').trim(),
    status: (FILE_STATUSES as readonly string[]).includes(status) ? (status as FileStatus) : '',
  };
}

/** The route a location hash (`#/nmi/123`) names; an empty hash is the search page. */
export function parseRoute(hash: string): Route {
  const text = hash.replace(/^#/, '');
  const [pathPart = '', queryPart = ''] = text.split(/\?(.*)/s, 2);
  const query = new URLSearchParams(queryPart);
  const segments = pathPart.split('/').filter((s) => s !== '');
  const [first, second, ...rest] = segments;
  if (rest.length > 0) return { name: 'not-found', path: pathPart };
  switch (first) {
    case undefined:
      return { name: 'search', params: searchParams(query) };
    case 'search':
      return second === undefined ? { name: 'search', params: searchParams(query) } : notFound(pathPart);
    case 'nmi':
      // NMIs are upper case; a typed `nem1318142` names the same meter point.
      return second === undefined
        ? notFound(pathPart)
        : { name: 'nmi', nmi: decode(second).toUpperCase(), view: readingsView(query) };
    case 'meter':
      return second === undefined
        ? notFound(pathPart)
        : { name: 'meter', serial: decode(second), view: readingsView(query) };
    case 'files':
      return second === undefined
        ? { name: 'files', params: filesParams(query) }
        : { name: 'file', id: decode(second) };
    case 'admin':
      return second === undefined ? { name: 'admin' } : notFound(pathPart);
    default:
      return notFound(pathPart);
  }
}

function notFound(path: string): Route {
  return { name: 'not-found', path: `/${path.replace(/^\//, '')}` };
}

function withQuery(path: string, entries: ReadonlyArray<readonly [string, string]>): string {
  const query = new URLSearchParams();
  for (const [key, value] of entries) if (value !== '') query.set(key, value);
  const text = query.toString();
  return text === '' ? path : `${path}?${text}`;
}

function viewEntries(view: ReadingsView): Array<readonly [string, string]> {
  const paged = view.page > 1 && view.after !== '';
  return [
    ['superseded', view.superseded ? '1' : ''],
    ['order', view.order === 'asc' ? 'asc' : ''],
    ['page', paged ? String(view.page) : ''],
    ['after', paged ? view.after : ''],
    ['asOf', view.asOf],
  ];
}

export const href = {
  search: (params: Partial<SearchParams> = {}): string => {
    const p = { ...EMPTY_SEARCH, ...params };
    return withQuery('#/search', [
      ['q', p.q],
      ['by', p.kind === 'auto' ? '' : p.kind],
      ['prefix', p.prefix ? '1' : ''],
      ['from', p.from],
      ['to', p.to],
      ...viewEntries(p),
    ]);
  },
  nmi: (nmi: string, view: ReadingsView = FIRST_READINGS): string =>
    withQuery(`#/nmi/${encodeURIComponent(nmi)}`, viewEntries(view)),
  meter: (serial: string, view: ReadingsView = FIRST_READINGS): string =>
    withQuery(`#/meter/${encodeURIComponent(serial)}`, viewEntries(view)),
  files: (params: Partial<FilesParams> = {}): string => {
    const p = { ...EMPTY_FILES, ...params };
    return withQuery('#/files', [
      ['search', p.search],
      ['status', p.status],
    ]);
  },
  file: (id: string): string => `#/files/${encodeURIComponent(id)}`,
  admin: (): string => '#/admin',
};

/** A title for the browser tab and history. */
export function routeTitle(route: Route): string {
  switch (route.name) {
    case 'search':
      return route.params.q === '' ? 'Search' : `Search: ${route.params.q}`;
    case 'nmi':
      return `NMI ${route.nmi}`;
    case 'meter':
      return `Meter ${route.serial}`;
    case 'files':
      return 'Files';
    case 'file':
      return `File ${route.id.length === 64 ? route.id.slice(0, 12) : route.id}`;
    case 'admin':
      return 'Admin';
    case 'not-found':
      return 'Not found';
  }
}

/** Whether two routes show the same thing (the same page with the same parameters). */
export function sameRoute(a: Route, b: Route): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
