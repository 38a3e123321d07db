import { resolve } from 'node:path';
import { z } from 'zod';
import type { FlowFileLimits } from './files/flow-file.js';

const POSTGRES_URL = /^postgres(ql)?:\/\//;
const EVENTSTORE_URL = /^(esdb|kurrentdb|kdb)(\+discover)?:\/\//;

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
  NEM_MAX_UPLOAD_MB: z.coerce.number().positive('must be a positive number of MiB').default(100),
  NEM_MAX_DECOMPRESSED_MB: z.coerce.number().positive('must be a positive number of MiB').default(1024),
  NEM_SECURE_COOKIES: z.enum(['true', 'false'], 'must be true or false').default('false'),
});

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
  });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ConfigError(`configuration: ${issue?.path.join('.') ?? '?'} ${issue?.message ?? 'is invalid'}`);
  }
  return {
    databaseUrl: parsed.data.DATABASE_URL ?? null,
    eventStoreUrl: parsed.data.EVENTSTORE_URL ?? null,
    dataDir: resolve(parsed.data.NEM_DATA_DIR),
    maxUploadBytes: Math.round(parsed.data.NEM_MAX_UPLOAD_MB * 1024 * 1024),
    maxDecompressedBytes: Math.round(parsed.data.NEM_MAX_DECOMPRESSED_MB * 1024 * 1024),
    secureCookies: parsed.data.NEM_SECURE_COOKIES === 'true',
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
