import { argon2, randomBytes, scrypt, timingSafeEqual, type Argon2Parameters, type ScryptOptions } from 'node:crypto';

/**
 * Password hashes. New ones are Argon2id with OWASP's parameters (19 MiB, 2 passes, 1 lane), stored in
 * the PHC string format `$argon2id$v=19$m=19456,t=2,p=1$<salt>$<hash>` (unpadded base64). Hashes made
 * before, `scrypt$N$r$p$<salt>$<key>`, still verify, and are replaced at the next successful sign-in
 * ({@link needsRehash}). The parameters travel with each hash, so raising them later works the same way.
 */

interface Argon2Cost {
  readonly memory: number;
  readonly passes: number;
  readonly parallelism: number;
}

const ARGON2: Argon2Cost = { memory: 19_456, passes: 2, parallelism: 1 };
const SALT_BYTES = 16;
const KEY_BYTES = 32;
/** Refuse stored parameters beyond these, so a tampered row cannot make one verification take minutes. */
const LIMITS = { argon2Memory: 1_048_576, argon2Passes: 16, scryptCost: 2 ** 20 } as const;
/** scrypt needs 128 * N * r bytes; Node's default limit is exactly 32 MiB, too little for N = 2^15. */
const SCRYPT_MAX_MEMORY = 128 * 1024 * 1024;

/** The same text can arrive as different code points (a composed or decomposed "é"): NFKC makes them one. */
function normalized(password: string): Buffer {
  return Buffer.from(password.normalize('NFKC'), 'utf8');
}

function argon2id(password: string, salt: Buffer, tagLength: number, cost: Argon2Cost): Promise<Buffer> {
  const parameters: Argon2Parameters = {
    message: normalized(password),
    nonce: salt,
    parallelism: cost.parallelism,
    tagLength,
    memory: cost.memory,
    passes: cost.passes,
  };
  return new Promise((resolve, reject) => {
    argon2('argon2id', parameters, (error, key) => (error === null ? resolve(key) : reject(error)));
  });
}

function scryptKey(password: string, salt: Buffer, keyBytes: number, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(normalized(password), salt, keyBytes, { ...options, maxmem: SCRYPT_MAX_MEMORY }, (error, key) =>
      error === null ? resolve(key) : reject(error),
    );
  });
}

const b64 = (bytes: Buffer) => bytes.toString('base64').replace(/=+$/, '');

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const key = await argon2id(password, salt, KEY_BYTES, ARGON2);
  return `$argon2id$v=19$m=${ARGON2.memory},t=${ARGON2.passes},p=${ARGON2.parallelism}$${b64(salt)}$${b64(key)}`;
}

type StoredHash =
  | { readonly scheme: 'argon2id'; readonly cost: Argon2Cost; readonly salt: Buffer; readonly key: Buffer }
  | {
      readonly scheme: 'scrypt';
      readonly N: number;
      readonly r: number;
      readonly p: number;
      readonly salt: Buffer;
      readonly key: Buffer;
    };

const integer = (text: string | undefined) => (text !== undefined && /^\d{1,8}$/.test(text) ? Number(text) : NaN);

function parseStoredHash(stored: string): StoredHash {
  const argon = /^\$argon2id\$v=19\$m=(\d{1,8}),t=(\d{1,3}),p=(\d{1,3})\$([A-Za-z0-9+/]+)\$([A-Za-z0-9+/]+)$/.exec(
    stored,
  );
  if (argon !== null) {
    const cost = { memory: integer(argon[1]), passes: integer(argon[2]), parallelism: integer(argon[3]) };
    const salt = Buffer.from(argon[4] ?? '', 'base64');
    const key = Buffer.from(argon[5] ?? '', 'base64');
    if (
      cost.memory >= 8 * cost.parallelism &&
      cost.memory <= LIMITS.argon2Memory &&
      cost.passes >= 1 &&
      cost.passes <= LIMITS.argon2Passes &&
      cost.parallelism >= 1 &&
      cost.parallelism <= 16 &&
      salt.length >= 8 &&
      key.length >= 16
    ) {
      return { scheme: 'argon2id', cost, salt, key };
    }
  }
  const parts = stored.split('$');
  const [scheme, n, r, p, salt, key] = parts;
  const parsed = {
    scheme: 'scrypt' as const,
    N: integer(n),
    r: integer(r),
    p: integer(p),
    salt: Buffer.from(salt ?? '', 'base64'),
    key: Buffer.from(key ?? '', 'base64'),
  };
  const valid =
    parts.length === 6 &&
    scheme === 'scrypt' &&
    parsed.N > 1 &&
    parsed.N <= LIMITS.scryptCost &&
    parsed.r >= 1 &&
    parsed.r <= 32 &&
    parsed.p >= 1 &&
    parsed.p <= 16 &&
    parsed.salt.length >= 8 &&
    parsed.key.length >= 16;
  if (!valid) throw new Error('a stored password hash is neither an argon2id PHC string nor scrypt$N$r$p$salt$key');
  return parsed;
}

/** Whether the password matches the stored hash, compared in constant time. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const hash = parseStoredHash(stored);
  const candidate =
    hash.scheme === 'argon2id'
      ? await argon2id(password, hash.salt, hash.key.length, hash.cost)
      : await scryptKey(password, hash.salt, hash.key.length, { N: hash.N, r: hash.r, p: hash.p });
  return timingSafeEqual(candidate, hash.key);
}

/** Whether a stored hash is of an older scheme or weaker parameters than new hashes get. */
export function needsRehash(stored: string): boolean {
  const hash = parseStoredHash(stored);
  return (
    hash.scheme !== 'argon2id' ||
    hash.cost.memory < ARGON2.memory ||
    hash.cost.passes < ARGON2.passes ||
    hash.key.length < KEY_BYTES
  );
}

/** Random bytes in place of a key: no password matches it, and verifying against it costs the same. */
const DECOY = `$argon2id$v=19$m=${ARGON2.memory},t=${ARGON2.passes},p=${ARGON2.parallelism}$${b64(randomBytes(SALT_BYTES))}$${b64(randomBytes(KEY_BYTES))}`;

/**
 * The same Argon2id work as a real verification, so that signing in as a user who does not exist takes as
 * long as with a wrong password.
 */
export async function verifyAgainstDecoy(password: string): Promise<false> {
  await verifyPassword(password, DECOY);
  return false;
}
