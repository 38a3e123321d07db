/**
 * Errors as RFC 9457 problem details (`application/problem+json`), the same shape for every error the
 * API answers: its own, Fastify's (400, 413, 414, 415), the sign-in back-off's 429 and the outages' 503.
 * `code` is ours: stable, for programs; `type` names it as a URI.
 */
import { z } from 'zod';

export const PROBLEM_MEDIA_TYPE = 'application/problem+json';

/** What a kind of problem is called, by its code (`title` of RFC 9457: the same for every occurrence). */
export const PROBLEM_TITLES: Readonly<Record<string, string>> = {
  BAD_REQUEST: 'The request is not valid',
  BAD_CURSOR: 'The cursor is not one this service issued',
  BAD_NMI: 'The NMI is not a NMI, or its checksum digit is wrong',
  BAD_MULTIPART: 'The upload is not a readable multipart/form-data request',
  NOT_MULTIPART: 'The upload must be multipart/form-data',
  NO_FILE: 'The upload holds no file',
  BAD_CREDENTIALS: 'The username or the password is wrong',
  UNAUTHENTICATED: 'Not signed in',
  FORBIDDEN: 'Not allowed for this role',
  CSRF: 'The CSRF header is missing or wrong',
  NOT_FOUND: 'Not found',
  NO_ROUTE: 'No such route',
  REBUILD_RUNNING: 'A rebuild is already running',
  USER_EXISTS: 'The user exists already',
  NO_SUCH_USER: 'No such user',
  INVALID_USERNAME: 'The username is not valid',
  WEAK_PASSWORD: 'The password is not acceptable',
  INVALID_TOKEN_NAME: 'The token name is not valid',
  INVALID_EXPIRY: 'The expiry is not in the future',
  LAST_ADMIN: 'The last admin cannot be removed or demoted',
  NO_SUCH_TOKEN: 'No such token',
  TOO_LARGE: 'The request is too large',
  URI_TOO_LONG: 'The path is too long',
  UNSUPPORTED_MEDIA_TYPE: 'The body is not of a media type this operation takes',
  RATE_LIMITED: 'Too many failed sign-ins: wait',
  UNAVAILABLE: 'The service cannot reach its database: try again shortly',
  INTERNAL: 'Internal error',
};

/** The `type` of a problem: a URN of its code (`urn:nem:problem:bad-cursor`), documented in docs/api.md. */
export function problemType(code: string): string {
  return `urn:nem:problem:${code.toLowerCase().replace(/_/g, '-')}`;
}

export const ProblemIssue = z
  .object({
    path: z.string().describe('where in the request, e.g. `querystring.nmi`'),
    message: z.string(),
  })
  .meta({ id: 'ProblemIssue', description: 'One thing wrong with the request.' });

export const Problem = z
  .object({
    type: z.string().describe('the kind of problem, as a URI (`urn:nem:problem:<code>`)'),
    title: z.string().describe('the kind of problem, for people: the same for every occurrence'),
    status: z.number().int().describe('the HTTP status'),
    detail: z.string().describe('this occurrence, for people'),
    code: z.string().describe('the kind of problem, stable, for programs: `BAD_CURSOR`, `UNAVAILABLE`, ...'),
    issues: z.array(ProblemIssue).optional().describe('what is wrong with the request, field by field'),
  })
  .meta({
    id: 'Problem',
    description: 'An error, as RFC 9457 problem details (`application/problem+json`).',
    examples: [
      {
        type: 'urn:nem:problem:bad-request',
        title: 'The request is not valid',
        status: 400,
        detail: "the request's querystring is not valid",
        code: 'BAD_REQUEST',
        issues: [{ path: 'querystring.from', message: 'expected a real day as YYYY-MM-DD' }],
      },
    ],
  });
export type Problem = z.infer<typeof Problem>;

/** The problem of a status and code, with the detail of this occurrence. */
export function problem(status: number, code: string, detail: string, extra: Record<string, unknown> = {}): Problem {
  return {
    ...extra,
    type: problemType(code),
    title: PROBLEM_TITLES[code] ?? code.toLowerCase().replace(/_/g, ' '),
    status,
    detail,
    code,
  };
}
