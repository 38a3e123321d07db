import { z } from 'zod';
import { hasUnsafeCharacters } from './text.js';

/** Support-staff accounts: who may sign in, and what each role may do. */

export const ROLES = ['viewer', 'admin'] as const;
export type Role = (typeof ROLES)[number];
export const RoleSchema = z.enum(ROLES);

export const ACTIONS = ['read', 'upload', 'replay', 'rebuild', 'manage-users'] as const;
export type Action = (typeof ACTIONS)[number];

/** Whether a role may do an action: a viewer searches and reads; an admin may do everything. */
export function can(role: Role, action: Action): boolean {
  switch (role) {
    case 'admin':
      return true;
    case 'viewer':
      return action === 'read';
  }
}

export const USERNAME_MIN = 3;
export const USERNAME_MAX = 64;

/** A username as typed; it comes out lower-case, so `Alice` and `alice` are one user. */
export const UsernameSchema = z
  .string()
  .toLowerCase()
  .min(USERNAME_MIN, `must have at least ${USERNAME_MIN} characters`)
  .max(USERNAME_MAX, `must have at most ${USERNAME_MAX} characters`)
  .regex(/^[a-z0-9._@-]+$/, 'may contain only letters a-z, digits and . _ - @');

export const PASSWORD_MIN = 12;
export const PASSWORD_MAX = 1024;

export const PasswordSchema = z
  .string()
  .min(PASSWORD_MIN, `a password needs at least ${PASSWORD_MIN} characters`)
  .max(PASSWORD_MAX, `a password may have at most ${PASSWORD_MAX} characters`);

export const TOKEN_NAME_MAX = 100;

/** What an API token is for (`ci`, `nightly import`), shown in listings. */
export const TokenNameSchema = z
  .string()
  .trim()
  .min(1, 'a token needs a name')
  .max(TOKEN_NAME_MAX, `a token name may have at most ${TOKEN_NAME_MAX} characters`)
  .refine((name) => !hasUnsafeCharacters(name), 'a token name must not contain control characters');

export const UserSchema = z.object({
  id: z.string(),
  /** Lower-case. */
  username: z.string(),
  role: RoleSchema,
  /** ISO 8601 instant. */
  createdAt: z.string(),
});
export type User = z.infer<typeof UserSchema>;

/** An API token as listed: never the token itself, which is shown once when created. */
const Instant = z.iso.datetime({ offset: true });

export const ApiTokenSchema = z.object({
  id: z.string(),
  prefix: z.string().describe('the first characters of the token (`nem_` and 8 more), enough to recognise it'),
  name: z.string(),
  username: z.string(),
  createdAt: Instant,
  lastUsedAt: Instant.nullable().describe('written at most once a minute'),
  expiresAt: Instant.nullable().describe('until when it works; null: until revoked'),
  revokedAt: Instant.nullable(),
});
export type ApiToken = z.infer<typeof ApiTokenSchema>;

export type AccountErrorCode =
  | 'USER_EXISTS'
  | 'NO_SUCH_USER'
  | 'INVALID_USERNAME'
  | 'WEAK_PASSWORD'
  | 'INVALID_TOKEN_NAME'
  | 'LAST_ADMIN'
  | 'NO_SUCH_TOKEN'
  | 'INVALID_EXPIRY';

/** The codes that mean the request itself was malformed, as opposed to refused by the accounts' state. */
export const ACCOUNT_INPUT_ERRORS: ReadonlySet<AccountErrorCode> = new Set([
  'INVALID_USERNAME',
  'WEAK_PASSWORD',
  'INVALID_TOKEN_NAME',
  'INVALID_EXPIRY',
]);

/** A request the accounts refuse; `message` is one line fit to show the person who asked. */
export class AccountError extends Error {
  readonly code: AccountErrorCode;

  constructor(code: AccountErrorCode, message: string) {
    super(message);
    this.name = 'AccountError';
    this.code = code;
  }
}

function firstIssue(error: z.ZodError): string {
  return error.issues[0]?.message ?? 'is invalid';
}

/** The stored (lower-case) form of a username, or an INVALID_USERNAME error saying what is wrong. */
export function parseUsername(text: string): string {
  const parsed = UsernameSchema.safeParse(text);
  if (!parsed.success) {
    throw new AccountError('INVALID_USERNAME', `username ${JSON.stringify(text)} ${firstIssue(parsed.error)}`);
  }
  return parsed.data;
}

/** The password if it is acceptable, or a WEAK_PASSWORD error saying why not (never quoting it). */
export function checkPassword(password: string): string {
  const parsed = PasswordSchema.safeParse(password);
  if (!parsed.success) throw new AccountError('WEAK_PASSWORD', firstIssue(parsed.error));
  return parsed.data;
}

export function parseTokenName(text: string): string {
  const parsed = TokenNameSchema.safeParse(text);
  if (!parsed.success) throw new AccountError('INVALID_TOKEN_NAME', firstIssue(parsed.error));
  return parsed.data;
}
