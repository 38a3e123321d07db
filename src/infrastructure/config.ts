import { resolve } from 'node:path';
import { z } from 'zod';

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
});

/** Where things are kept. Without a DATABASE_URL everything runs embedded on PGlite in `dataDir`. */
export interface Config {
  readonly databaseUrl: string | null;
  readonly eventStoreUrl: string | null;
  readonly dataDir: string;
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
  });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ConfigError(`configuration: ${issue?.path.join('.') ?? '?'} ${issue?.message ?? 'is invalid'}`);
  }
  return {
    databaseUrl: parsed.data.DATABASE_URL ?? null,
    eventStoreUrl: parsed.data.EVENTSTORE_URL ?? null,
    dataDir: resolve(parsed.data.NEM_DATA_DIR),
  };
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
