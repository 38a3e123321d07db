import { resolve } from 'node:path';
import { z } from 'zod';
import type { FlowFileLimits } from '../application/flow-file.js';

const POSTGRES_URL = /^postgres(ql)?:\/\//;
const EVENTSTORE_URL = /^(esdb|kurrentdb|kdb)(\+discover)?:\/\//;

/** A positive number of MiB, said in words when it is not (zod's own text names types, not the setting). */
const mebibytes = z
  .string()
  .trim()
  .regex(/^\d+(\.\d+)?$/, 'must be a positive number of MiB, such as 100 or 0.5')
  .transform(Number)
  .refine((value) => value > 0, 'must be a positive number of MiB, such as 100 or 0.5');

const ConfigSchema = z.object({
  DATABASE_URL: z
    .string()
    .trim()
    .regex(POSTGRES_URL, 'must be a PostgreSQL URL such as postgres://user@host:5432/database')
    .refine((value) => URL.canParse(value), 'is not a valid URL')
    .optional(),
  EVENTSTORE_URL: z
    .string()
    .trim()
    .regex(EVENTSTORE_URL, 'must be an EventStoreDB connection string such as esdb://localhost:2113?tls=false')
    .optional(),
  NEM_DATA_DIR: z.string().trim().min(1, 'must not be empty').default('./.nem-data'),
  NEM_MAX_UPLOAD_MB: mebibytes.default(100),
  NEM_MAX_DECOMPRESSED_MB: mebibytes.default(1024),
  NEM_ORIGINALS_MAX_MB: z
    .string()
    .trim()
    .regex(/^\d+(\.\d+)?$/, 'must be a number of MiB (0: keep no originals), such as 100')
    .transform(Number)
    .default(100),
  NEM_SECURE_COOKIES: z.enum(['true', 'false'], 'must be true or false').default('false'),
  NEM_TRUST_PROXY: z
    .string()
    .trim()
    .regex(
      /^(false|true|\d{1,2}|[0-9a-fA-F.:/]+(\s*,\s*[0-9a-fA-F.:/]+)*)$/,
      'must be false, true, a number of proxy hops, or a comma-separated list of proxy addresses (CIDR allowed)',
    )
    .default('false'),
});

/**
 * Which proxies' X-Forwarded-For the server believes (Fastify's `trustProxy`): none by default, so a
 * client cannot pick the address its sign-in attempts are counted against.
 */
export type TrustProxy = boolean | number | readonly string[];

function trustProxyOf(value: string): TrustProxy {
  if (value === 'false') return false;
  if (value === 'true') return true;
  if (/^\d+$/.test(value)) return Number(value);
  return value.split(',').map((address) => address.trim());
}

/** Where things are kept. Without a DATABASE_URL everything runs embedded on PGlite in `dataDir`. */
export interface Config {
  readonly databaseUrl: string | null;
  readonly eventStoreUrl: string | null;
  readonly dataDir: string;
  /** Largest upload the API accepts, in bytes. */
  readonly maxUploadBytes: number;
  /** Largest decompressed content of an uploaded .gz or .zip, in bytes. */
  readonly maxDecompressedBytes: number;
  /** Mark cookies Secure (set when the service is reached over HTTPS). */
  readonly secureCookies: boolean;
  readonly trustProxy: TrustProxy;
  /** Largest file whose original content is kept, in bytes (0: none are kept). */
  readonly originalsMaxBytes: number;
}

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

/** Reads the configuration from the environment; an empty variable counts as unset. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const present = (name: string) => {
    const value = env[name];
    return value === undefined || value.trim() === '' ? undefined : value;
  };
  const parsed = ConfigSchema.safeParse({
    DATABASE_URL: present('DATABASE_URL'),
    EVENTSTORE_URL: present('EVENTSTORE_URL'),
    NEM_DATA_DIR: present('NEM_DATA_DIR'),
    NEM_MAX_UPLOAD_MB: present('NEM_MAX_UPLOAD_MB'),
    NEM_MAX_DECOMPRESSED_MB: present('NEM_MAX_DECOMPRESSED_MB'),
    NEM_SECURE_COOKIES: present('NEM_SECURE_COOKIES'),
    NEM_TRUST_PROXY: present('NEM_TRUST_PROXY'),
    NEM_ORIGINALS_MAX_MB: present('NEM_ORIGINALS_MAX_MB'),
  });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const name = issue?.path.join('.') ?? '?';
    // The value helps, except in a URL, which may hold a password.
    const given = name.endsWith('_URL') ? undefined : present(name);
    throw new ConfigError(
      `configuration: ${name}${given === undefined ? '' : `=${JSON.stringify(given)}`} ${issue?.message ?? 'is invalid'}`,
    );
  }
  return {
    databaseUrl: parsed.data.DATABASE_URL ?? null,
    eventStoreUrl: parsed.data.EVENTSTORE_URL ?? null,
    dataDir: resolve(parsed.data.NEM_DATA_DIR),
    maxUploadBytes: Math.round(parsed.data.NEM_MAX_UPLOAD_MB * 1024 * 1024),
    maxDecompressedBytes: Math.round(parsed.data.NEM_MAX_DECOMPRESSED_MB * 1024 * 1024),
    secureCookies: parsed.data.NEM_SECURE_COOKIES === 'true',
    trustProxy: trustProxyOf(parsed.data.NEM_TRUST_PROXY),
    originalsMaxBytes: Math.round(parsed.data.NEM_ORIGINALS_MAX_MB * 1024 * 1024),
  };
}

/**
 * The limits every way in (nem import, nem validate, nem watch, serve --inbox, upload) applies to a flow
 * file: decided here once, from the configuration.
 */
export function intakeLimits(config: Pick<Config, 'maxDecompressedBytes'>): FlowFileLimits {
  return { maxContentBytes: config.maxDecompressedBytes };
}

/** A URL with its password replaced, for messages. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password !== '') parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(unparsable URL)';
  }
}
