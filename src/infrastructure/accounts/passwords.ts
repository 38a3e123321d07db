import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

/**
 * Password hashes: scrypt, stored as `scrypt$N$r$p$<salt base64>$<key base64>`. The parameters travel
 * with each hash, so raising them later leaves older hashes verifiable.
 */

const COST = 2 ** 15;
const BLOCK_SIZE = 8;
const PARALLELISM = 1;
const SALT_BYTES = 16;
const KEY_BYTES = 32;
/** scrypt needs 128 * N * r bytes (32 MiB here); Node's default limit is exactly that, which is too little. */
const MAX_MEMORY = 128 * 1024 * 1024;
/** Refuse stored parameters beyond these, so a tampered row cannot make one verification take minutes. */
const MAX_COST = 2 ** 20;

function derive(password: string, salt: Buffer, keyBytes: number, options: ScryptOptions): Promise<Buffer> {
  // The same text can arrive as different code points (a composed or decomposed "é"), depending on the
  // keyboard or terminal; NFKC makes them one password.
  const normalized = password.normalize('NFKC');
  return new Promise((resolve, reject) => {
    scrypt(normalized, salt, keyBytes, { ...options, maxmem: MAX_MEMORY }, (error, key) => {
      if (error === null) resolve(key);
      else reject(error);
    });
  });
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const key = await derive(password, salt, KEY_BYTES, { N: COST, r: BLOCK_SIZE, p: PARALLELISM });
  return ['scrypt', COST, BLOCK_SIZE, PARALLELISM, salt.toString('base64'), key.toString('base64')].join('$');
}

interface StoredHash {
  readonly N: number;
  readonly r: number;
  readonly p: number;
  readonly salt: Buffer;
  readonly key: Buffer;
}

function parseStoredHash(stored: string): StoredHash {
  const parts = stored.split('$');
  const [scheme, n, r, p, salt, key] = parts;
  const integer = (text: string | undefined) => (text !== undefined && /^\d{1,8}$/.test(text) ? Number(text) : NaN);
  const parsed = {
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
    parsed.N <= MAX_COST &&
    parsed.r >= 1 &&
    parsed.r <= 32 &&
    parsed.p >= 1 &&
    parsed.p <= 16 &&
    parsed.salt.length >= 8 &&
    parsed.key.length >= 16;
  if (!valid) throw new Error('a stored password hash is not in the form scrypt$N$r$p$salt$key');
  return parsed;
}

/** Whether the password matches the stored hash, compared in constant time. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const { N, r, p, salt, key } = parseStoredHash(stored);
  const candidate = await derive(password, salt, key.length, { N, r, p });
  return timingSafeEqual(candidate, key);
}

/** Random bytes in place of a key: no password matches it, and verifying against it costs the same. */
const DECOY = [
  'scrypt',
  COST,
  BLOCK_SIZE,
  PARALLELISM,
  randomBytes(SALT_BYTES).toString('base64'),
  randomBytes(KEY_BYTES).toString('base64'),
].join('$');

/**
 * The same scrypt work as a real verification, so that signing in as a user who does not exist takes as
 * long as with a wrong password.
 */
export async function verifyAgainstDecoy(password: string): Promise<false> {
  await verifyPassword(password, DECOY);
  return false;
}
