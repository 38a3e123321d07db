import type { Command } from 'commander';
import type { ApiToken } from '../../domain/accounts.js';
import { formatNemTime } from '../../domain/nem-time.js';
import { parseExpiry } from '../dates.js';
import { EXIT, type ExitCode } from '../exit-codes.js';
import { renderTable, toJson, type Output } from '../output.js';
import { runAccountCommand, withAccounts } from './users.command.js';

function describeToken(token: ApiToken): string {
  return `${token.prefix} (id ${token.id}, "${token.name}") of ${token.username}`;
}

export function runTokensCreate(username: string, name: string, expiresAt: Date | null, io: Output): Promise<ExitCode> {
  return runAccountCommand('tokens create', io, () =>
    withAccounts(io, async (accounts) => {
      const created = await accounts.createToken(username, name, expiresAt);
      // The token alone on stdout, so that `TOKEN=$(nem tokens create ...)` captures just it.
      io.out(created.token);
      io.err(
        `nem tokens create: token ${created.prefix} (id ${created.id}) for ${username.toLowerCase()}, ${
          created.expiresAt === null ? 'valid until revoked' : `valid until ${formatNemTime(created.expiresAt)}`
        }: copy it now, it will not be shown again (send it as "Authorization: Bearer <token>")`,
      );
      return EXIT.ok;
    }),
  );
}

export function runTokensList(options: { user?: string; json: boolean }, io: Output): Promise<ExitCode> {
  return runAccountCommand('tokens list', io, () =>
    withAccounts(io, async (accounts) => {
      const tokens = await accounts.listTokens(options.user);
      if (options.json) io.out(toJson(tokens, 2));
      else if (tokens.length === 0) io.out('no API tokens');
      else {
        const time = (instant: string | null) => (instant === null ? '-' : formatNemTime(instant));
        const rows = tokens.map((token) => [
          token.id,
          token.prefix,
          token.name,
          token.username,
          time(token.createdAt),
          time(token.lastUsedAt),
          token.expiresAt === null ? 'never' : time(token.expiresAt),
          time(token.revokedAt),
        ]);
        for (const line of renderTable(
          ['Id', 'Prefix', 'Name', 'User', 'Created', 'Last used', 'Expires', 'Revoked'],
          rows,
        )) {
          io.out(line);
        }
      }
      return EXIT.ok;
    }),
  );
}

export function runTokensRevoke(idOrPrefix: string, io: Output): Promise<ExitCode> {
  return runAccountCommand('tokens revoke', io, () =>
    withAccounts(io, async (accounts) => {
      const token = await accounts.revokeToken(idOrPrefix);
      io.out(`revoked ${describeToken(token)}`);
      return EXIT.ok;
    }),
  );
}

export function registerTokens(program: Command, io: Output, setExit: (code: ExitCode) => void): void {
  const tokens = program
    .command('tokens')
    .description('API tokens for scripts, sent as "Authorization: Bearer <token>"');
  tokens
    .command('create')
    .description('create a token for a user and print it (once: only its hash is kept)')
    .argument('<username>')
    .requiredOption('--name <name>', 'what the token is for, e.g. "nightly import"')
    .option('--expires <when>', 'when it stops working: 90d, 12h, 30m, a day (YYYY-MM-DD) or an instant', (v) =>
      parseExpiry(v),
    )
    .action(async (username: string, options: { name: string; expires?: Date }) => {
      setExit(await runTokensCreate(username, options.name, options.expires ?? null, io));
    });
  tokens
    .command('list')
    .description('tokens with their prefix, name, user, and when they were created, last used, expire and were revoked')
    .option('--user <username>', "only this user's tokens")
    .option('--json', 'print a JSON array', false)
    .action(async (options: { user?: string; json: boolean }) => {
      setExit(await runTokensList(options, io));
    });
  tokens
    .command('revoke')
    .description('revoke a token by its id, its prefix (nem_ and 8 characters) or the whole token')
    .argument('<id-or-prefix>')
    .action(async (idOrPrefix: string) => {
      setExit(await runTokensRevoke(idOrPrefix, io));
    });
}
