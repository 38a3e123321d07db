import type {
  ChannelDay,
  FileDetail,
  FileSummary,
  ImportResult,
  IntervalChannel,
  IntervalDay,
  Reading,
  ReadingPage,
  Session,
} from './types.js';

/** A reading as the API answers one, with any field overridden. */
export function readingFixture(overrides: Partial<Reading> = {}): Reading {
  return {
    fileId: 'a'.repeat(64),
    line: 3,
    fileName: 'NEM13_000000000000011_CNRGYMDP_NEMMCO.csv',
    fileReceivedAt: '2024-05-01T09:00:00+10:00',
    nmi: '5787326565',
    nmiConfiguration: 'E1',
    nmiSuffix: '11',
    registerId: 'E1',
    mdmDataStreamIdentifier: '11',
    meterSerial: 'PSMIL89KM79J',
    direction: 'I',
    previousRead: '00100.00',
    previousReadValue: '100',
    previousReadAt: '2004-01-07T10:03:33+10:00',
    previousQuality: 'A',
    previousReasonCode: null,
    previousReasonDescription: null,
    currentRead: '00123.40',
    currentReadValue: '123.4',
    currentReadAt: '2004-04-07T10:03:33+10:00',
    currentQuality: 'A',
    currentReasonCode: null,
    currentReasonDescription: null,
    quantity: '23.40',
    quantityValue: '23.4',
    uom: 'kWh',
    uomText: 'KWH',
    nextScheduledReadDate: '2004-07-07',
    updatedAt: '2004-04-08T00:00:00+10:00',
    msatsLoadedAt: null,
    previousTransactionCode: null,
    previousRetailerServiceOrder: null,
    currentTransactionCode: 'N',
    currentRetailerServiceOrder: null,
    importPosition: '10',
    superseded: false,
    corrected: false,
    ...overrides,
  };
}

/** A page of readings as the API answers one: exact total of the items unless told, matched as a known NMI. */
export function readingPageFixture(items: Reading[], overrides: Partial<ReadingPage> = {}): ReadingPage {
  return {
    items,
    nextCursor: null,
    total: { count: items.length, capped: false },
    matched: { by: 'nmi', typed: '5787326565', value: '5787326565', note: null, known: items.length > 0 },
    ...overrides,
  };
}

export function sessionFixture(role: 'admin' | 'viewer' = 'admin', username = 'alice'): Session {
  return { user: { username, role }, via: 'session', csrfToken: 'csrf-123' };
}

export function fileSummaryFixture(overrides: Partial<FileSummary> = {}): FileSummary {
  return {
    fileId: 'b'.repeat(64),
    fileName: 'NEM13_GOOD.csv',
    size: 2048,
    channel: 'api',
    status: 'imported',
    receivedAt: '2024-05-01T09:00:00+10:00',
    closedAt: '2024-05-01T09:00:01+10:00',
    fromParticipant: 'CNRGYMDP',
    toParticipant: 'NEMMCO',
    format: 'NEM13',
    registerReads: 12,
    intervalDays: 0,
    b2bDetails: 2,
    errorCount: 0,
    warningCount: 1,
    receivedPosition: '100',
    ...overrides,
  };
}

export function fileDetailFixture(overrides: Partial<FileDetail> = {}): FileDetail {
  return {
    ...fileSummaryFixture(),
    container: 'plain',
    zipMember: null,
    headerCreatedAt: '2004-04-08T12:00:00+10:00',
    lines: 20,
    errors: [],
    warnings: [],
    original: { basis: 'content', size: 2048, storedSize: 512, storedAt: '2024-05-01T09:00:00+10:00' },
    nmis: [{ nmi: 'NEM1201009', readings: 12 }],
    moreNmis: false,
    ...overrides,
  };
}

export function importResultFixture(overrides: Partial<ImportResult> = {}): ImportResult {
  return {
    file: 'NEM13_GOOD.csv',
    sha256: 'c'.repeat(64),
    status: 'imported',
    readings: 10,
    errors: [],
    warnings: [],
    errorsOmitted: 0,
    warningsOmitted: 0,
    duplicateOf: null,
    ...overrides,
  };
}

export interface RecordedRequest {
  readonly method: string;
  readonly url: URL;
  readonly headers: Headers;
  readonly body: BodyInit | null | undefined;
}

type Handler = (request: RecordedRequest) => { status?: number; body?: unknown } | undefined;

/**
 * A stand-in for fetch: answers each request with the first handler that takes it (404 otherwise) and
 * records every request, for tests that render components against a pretend API.
 */
export function fakeFetch(handlers: Record<string, Handler>): { fetch: typeof fetch; requests: RecordedRequest[] } {
  const requests: RecordedRequest[] = [];
  const fetchImpl = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    // The client hands over a Request (openapi-fetch); plain fetch calls pass a URL and init.
    const incoming = input instanceof Request ? input : null;
    const url = new URL(
      typeof input === 'string' ? input : input instanceof URL ? input.href : input.url,
      'http://nem.test',
    );
    const method = incoming?.method ?? init?.method ?? 'GET';
    const headers = new Headers(incoming?.headers ?? init?.headers);
    let body: BodyInit | null | undefined = init?.body;
    if (incoming !== null && incoming.body !== null) {
      body = (headers.get('content-type') ?? '').startsWith('multipart/form-data')
        ? await incoming.formData()
        : await incoming.text();
    }
    const request: RecordedRequest = { method, url, headers, body };
    requests.push(request);
    const handler = handlers[`${method} ${url.pathname}`];
    const answer = handler?.(request) ?? {
      status: 404,
      body: problem(404, 'NO_ROUTE', `no route ${method} ${url.pathname}`),
    };
    const status = answer.status ?? 200;
    const error = status >= 400;
    return new Response(status === 204 || status === 304 ? null : JSON.stringify(answer.body ?? null), {
      status,
      headers: { 'content-type': error ? 'application/problem+json' : 'application/json' },
    });
  };
  return { fetch: fetchImpl, requests };
}

/** An error answer as the API gives it (RFC 9457 problem details). */
export function problem(
  status: number,
  code: string,
  detail: string,
  issues?: ReadonlyArray<{ path: string; message: string }>,
): Record<string, unknown> {
  return {
    type: `urn:nem:problem:${code.toLowerCase().replace(/_/g, '-')}`,
    title: code,
    status,
    detail,
    code,
    ...(issues === undefined ? {} : { issues }),
  };
}

export function intervalChannelFixture(overrides: Partial<IntervalChannel> = {}): IntervalChannel {
  return {
    nmi: 'NEM1208151',
    nmiSuffix: 'E1',
    registerId: 'E1',
    meterSerialNumber: 'METER81',
    uom: 'kWh',
    intervalLength: 30,
    days: 3,
    firstDate: '2005-01-04',
    lastDate: '2005-01-06',
    ...overrides,
  };
}

export function channelDayFixture(overrides: Partial<ChannelDay> = {}): ChannelDay {
  return {
    intervalDate: '2005-01-04',
    dayTotal: '1234.5',
    uom: 'kWh',
    intervalLength: 30,
    quality: 'A',
    qualitySummary: { A: 48 },
    meterSerialNumber: 'METER81',
    updatedAt: null,
    fileId: 'd'.repeat(64),
    fileName: 'NEM12_Scenario08_ETSAMDP_NEMMCO.csv',
    line: 3,
    versions: 1,
    ...overrides,
  };
}

/** A day of 30-minute intervals, value i (1-based) being `i.5`, with any field overridden. */
export function intervalDayFixture(overrides: Partial<IntervalDay> = {}): IntervalDay {
  const values = Array.from({ length: 48 }, (_, i) => `${i + 1}.5`);
  return {
    nmi: 'NEM1208151',
    nmiSuffix: 'E1',
    registerId: 'E1',
    meterSerialNumber: 'METER81',
    uom: 'kWh',
    intervalLength: 30,
    intervalDate: '2005-01-04',
    values,
    dayTotal: '1200',
    quality: 'A',
    reasonCode: null,
    reasonDescription: null,
    intervalQuality: null,
    qualitySummary: { A: 48 },
    updatedAt: null,
    fileId: 'd'.repeat(64),
    fileName: 'NEM12_Scenario08_ETSAMDP_NEMMCO.csv',
    line: 3,
    versions: 1,
    importPosition: '10',
    importedAt: '2024-05-01T09:00:01+10:00',
    superseded: false,
    ...overrides,
  };
}
