/**
 * The OpenAPI document as clients get it at /docs/json: what route schemas cannot say is added here once,
 * as it is rendered.
 */

type Json = Record<string, unknown>;
interface Response extends Json {
  content?: unknown;
  headers?: Record<string, unknown>;
}
interface Operation extends Json {
  responses?: Record<string, Response>;
}
type Document = Json & {
  paths?: Record<string, Record<string, Operation>>;
  components?: Json & { schemas?: Record<string, unknown> };
};

/** The tags of the document, in the order a reader meets them, with what they hold. */
export const TAGS = [
  { name: 'readings', description: 'Register reads by NMI or meter serial: search, and the versions of one read.' },
  { name: 'meter points', description: 'A meter point (NMI): its configuration, meters, registers, latest reads.' },
  { name: 'meters', description: 'A meter (serial number): its NMIs, registers, latest reads.' },
  { name: 'files', description: 'Flow files: list, one with its problems by line, upload, replay.' },
  { name: 'projections', description: 'The read model built from the events: status and rebuild.' },
  { name: 'session', description: 'Signing in and out (browsers); scripts use API tokens instead.' },
  { name: 'accounts', description: 'Users and API tokens (admins).' },
  { name: 'health', description: 'Health for load balancers.' },
];

const HEADERS = {
  etag: {
    description: "The read model's version for this answer: send it back in If-None-Match to poll cheaply.",
    schema: { type: 'string' },
  },
  retryAfter: { description: 'Seconds to wait before trying again.', schema: { type: 'integer' } },
  requestId: {
    description:
      'The request id (the caller’s `x-request-id` when it is short and plain, else a new one), in every log line of the request.',
    schema: { type: 'string' },
  },
};

function operations(document: Document): Operation[] {
  return Object.values(document.paths ?? {}).flatMap((methods) => Object.values(methods));
}

/** Answers without a body (204, 304) declare no content, not a JSON `null`. */
function withoutEmptyBodies(document: Document): void {
  for (const operation of operations(document)) {
    for (const status of ['204', '304']) {
      const response = operation.responses?.[status];
      if (response !== undefined) delete response.content;
    }
  }
}

/** The response headers clients can rely on: ETag (conditional requests), Retry-After, the request id. */
function withResponseHeaders(document: Document): void {
  for (const operation of operations(document)) {
    const responses = operation.responses ?? {};
    const conditional = responses['304'] !== undefined;
    for (const [status, response] of Object.entries(responses)) {
      const headers: Record<string, unknown> = { 'x-request-id': HEADERS.requestId };
      if (conditional && (status === '200' || status === '304')) headers.ETag = HEADERS.etag;
      if (status === '429' || status === '503') headers['Retry-After'] = HEADERS.retryAfter;
      response.headers = { ...response.headers, ...headers };
    }
  }
}

/** Drops components nothing refers to (zod registers an input and an output form of every named schema). */
function withoutUnusedSchemas(document: Document): void {
  const schemas = document.components?.schemas;
  if (schemas === undefined) return;
  const used = new Set<string>();
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) {
      for (const item of value) visit(item);
    } else if (value !== null && typeof value === 'object') {
      for (const [key, child] of Object.entries(value)) {
        if (key === '$ref' && typeof child === 'string' && child.startsWith('#/components/schemas/')) {
          const name = child.slice('#/components/schemas/'.length);
          if (!used.has(name)) {
            used.add(name);
            visit(schemas[name]);
          }
        } else {
          visit(child);
        }
      }
    }
  };
  visit(document.paths);
  if (document.components !== undefined) {
    document.components.schemas = Object.fromEntries(Object.entries(schemas).filter(([name]) => used.has(name)));
  }
}

export function finishDocument<T>(document: T): T {
  const doc = document as Document;
  withoutEmptyBodies(doc);
  withResponseHeaders(doc);
  withoutUnusedSchemas(doc);
  doc.tags = TAGS;
  return document;
}
