import { Option, type Command } from 'commander';
import type { ReadStream } from 'node:tty';
import { formatNemTime } from '../../domain/nem-time.js';
import {
  ACCOUNT_INPUT_ERRORS,
  AccountError,
  checkPassword,
  parseUsername,
  ROLES,
  type Role,
} from '../../domain/accounts.js';
import { AccountStore } from '../../infrastructure/accounts/account-store.js';
import { EXIT, type ExitCode } from '../exit-codes.js';
import { renderTable, toJson, type Output } from '../output.js';
import { withServices } from '../services.js';

/** The password could not be read: nothing on stdin, the two entries differ, or the prompt was cancelled. */
class PasswordInputError extends Error {}

/** More than any acceptable password takes in UTF-8; the rest of stdin is not read. */
const STDIN_LIMIT = 8 * 1024;

async function firstLineOf(input: NodeJS.ReadableStream): Promise<string | null> {
  input.setEncoding('utf8');
  let text = '';
  for await (const chunk of input as AsyncIterable<string>) {
    text += chunk;
    const end = text.indexOf('\n');
    if (end >= 0) return text.slice(0, end).replace(/\r$/, '');
    if (text.length > STDIN_LIMIT) break;
  }
  return text === '' ? null : text.replace(/\r$/, '');
}

/** Reads one line from the terminal without echoing it. */
function askHidden(prompt: string, io: Output, input: ReadStream): Promise<string> {
  return new Promise((resolve, reject) => {
    let value = '';
    const finish = (error: Error | null) => {
      input.off('data', onData);
      input.setRawMode(false);
      input.pause();
      io.progress('\n');
      if (error === null) resolve(value);
      else reject(error);
    };
    const onData = (chunk: string) => {
      // Arrow keys and the like arrive as escape sequences: not part of a password.
      if (chunk.startsWith('\u001b')) return;
      for (const char of chunk) {
        if (char === '\r' || char === '\n' || char === '\u0004') return finish(null);
        // Raw mode turns Ctrl-C into a character instead of a signal.
        if (char === '\u0003') return finish(new PasswordInputError('cancelled'));
        if (char === '\u007f' || char === '\b') value = Array.from(value).slice(0, -1).join('');
        else if (char === '\u0015') value = '';
        else if (char >= ' ') value += char;
      }
    };
    io.progress(prompt);
    input.setEncoding('utf8');
    input.setRawMode(true);
    input.on('data', onData);
    input.resume();
  });
}

/**
 * A new password: typed twice at a prompt when stdin is a terminal, else the first line of stdin
 * (`printf '%s\n' "$PASSWORD" | nem users add ...`). Never from arguments or the environment, which
 * other users of the machine can read in the process list.
 */
async function readNewPassword(username: string, io: Output, input = process.stdin): Promise<string> {
  if (!input.isTTY) {
    const line = await firstLineOf(input);
    if (line === null) throw new PasswordInputError('no password on stdin (give it as the first line)');
    return checkPassword(line);
  }
  const password = checkPassword(await askHidden(`Password for ${username}: `, io, input));
  const again = await askHidden('Repeat the password: ', io, input);
  if (again !== password) throw new PasswordInputError('the two passwords differ; nothing changed');
  return password;
}

/**
 * Runs an accounts command and turns its refusals into one line on stderr: exit 2 for input that is
 * wrong in itself (a bad username, a short password), 1 for a refusal by the accounts' state (the user
 * exists, the last admin).
 */
export async function runAccountCommand(command: string, io: Output, body: () => Promise<ExitCode>): Promise<ExitCode> {
  try {
    return await body();
  } catch (error) {
    if (error instanceof AccountError) {
      io.err(`nem ${command}: ${error.message}`);
      return ACCOUNT_INPUT_ERRORS.has(error.code) ? EXIT.usage : EXIT.invalid;
    }
    if (error instanceof PasswordInputError) {
      io.err(`nem ${command}: ${error.message}`);
      return EXIT.usage;
    }
    throw error;
  }
}

/** Opens the database for one command and hands it the account store. */
export function withAccounts(io: Output, body: (accounts: AccountStore) => Promise<ExitCode>): Promise<ExitCode> {
  return withServices(io, (services) => body(new AccountStore(services.database.pool)));
}

export function runUsersAdd(username: string, role: Role, io: Output): Promise<ExitCode> {
  return runAccountCommand('users add', io, async () => {
    // Checked before the prompt, so nobody types a password for a name that will be refused.
    const name = parseUsername(username);
    const password = await readNewPassword(name, io);
    return withAccounts(io, async (accounts) => {
      const user = await accounts.addUser(name, role, password);
      io.out(`added ${user.username} (${user.role})`);
      return EXIT.ok;
    });
  });
}

export function runUsersList(options: { json: boolean }, io: Output): Promise<ExitCode> {
  return runAccountCommand('users list', io, () =>
    withAccounts(io, async (accounts) => {
      const users = await accounts.listUsers();
      if (options.json) io.out(toJson(users, 2));
      else if (users.length === 0) io.out('no users (add one with nem users add <username> --role admin)');
      else {
        const rows = users.map((user) => [user.username, user.role, formatNemTime(user.createdAt)]);
        for (const line of renderTable(['Username', 'Role', 'Created'], rows)) io.out(line);
      }
      return EXIT.ok;
    }),
  );
}

export function runUsersRemove(username: string, io: Output): Promise<ExitCode> {
  return runAccountCommand('users remove', io, () =>
    withAccounts(io, async (accounts) => {
      const user = await accounts.removeUser(username);
      io.out(`removed ${user.username} with their API tokens and sessions`);
      return EXIT.ok;
    }),
  );
}

export function runUsersSetPassword(username: string, io: Output): Promise<ExitCode> {
  return runAccountCommand('users set-password', io, async () => {
    const password = await readNewPassword(username.toLowerCase(), io);
    return withAccounts(io, async (accounts) => {
      const user = await accounts.setPassword(username, password);
      io.out(`changed the password of ${user.username} and ended their sessions`);
      return EXIT.ok;
    });
  });
}

export function registerUsers(program: Command, io: Output, setExit: (code: ExitCode) => void): void {
  const users = program
    .command('users')
    .description('support-staff accounts: viewers search and read, admins also import, rebuild and manage users');
  users
    .command('add')
    .description('add a user; the password is asked twice on a terminal, or read as the first line of stdin')
    .argument('<username>', '3 to 64 characters of a-z 0-9 . _ - @ (case-insensitive)')
    .addOption(new Option('--role <role>', 'what the user may do').choices(ROLES).makeOptionMandatory())
    .action(async (username: string, options: { role: Role }) => {
      setExit(await runUsersAdd(username, options.role, io));
    });
  users
    .command('list')
    .description('every user with their role')
    .option('--json', 'print a JSON array', false)
    .action(async (options: { json: boolean }) => {
      setExit(await runUsersList(options, io));
    });
  users
    .command('remove')
    .description('remove a user with their API tokens and sessions (not the last admin)')
    .argument('<username>')
    .action(async (username: string) => {
      setExit(await runUsersRemove(username, io));
    });
  users
    .command('set-password')
    .description("replace a user's password (asked twice, or the first line of stdin) and end their sessions")
    .argument('<username>')
    .action(async (username: string) => {
      setExit(await runUsersSetPassword(username, io));
    });
}
