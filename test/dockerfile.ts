import { copyFileSync, mkdirSync, readdirSync, readlinkSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';

/** The parts of a Dockerfile a check without a Docker engine needs to read (no heredocs, no ARG). */
export interface DockerStage {
  readonly image: string;
  readonly name: string | null;
  readonly instructions: ReadonlyArray<{ readonly keyword: string; readonly args: string }>;
}

export function parseDockerfile(text: string): DockerStage[] {
  const stages: Array<DockerStage & { instructions: Array<{ keyword: string; args: string }> }> = [];
  let pending = '';
  for (const line of text.split('\n')) {
    // Comment lines, parser directives included, are dropped even inside a continued instruction.
    if (/^\s*#/.test(line)) continue;
    if (line.endsWith('\\')) {
      pending += `${line.slice(0, -1)} `;
      continue;
    }
    const whole = (pending + line).trim();
    pending = '';
    if (whole === '') continue;
    const [, keyword = '', args = ''] = /^(\S+)\s*(.*)$/s.exec(whole) ?? [];
    if (keyword.toUpperCase() === 'FROM') {
      const [image = '', as, name] = args.split(/\s+/);
      stages.push({ image, name: as?.toUpperCase() === 'AS' && name !== undefined ? name : null, instructions: [] });
    } else {
      const stage = stages.at(-1);
      if (stage === undefined) throw new Error(`Dockerfile: ${keyword} before the first FROM`);
      stage.instructions.push({ keyword: keyword.toUpperCase(), args: args.replace(/\s+/g, ' ').trim() });
    }
  }
  return stages;
}

/** The arguments of every instruction of one kind, in order. */
export function argsOf(stage: DockerStage, keyword: string): string[] {
  return stage.instructions.filter((i) => i.keyword === keyword).map((i) => i.args);
}

/** `["node", "-e", ...]`, the exec form, as an argv; the shell form is refused (it would need a shell). */
export function execForm(args: string): string[] {
  const argv: unknown = JSON.parse(args);
  if (!Array.isArray(argv) || !argv.every((a) => typeof a === 'string'))
    throw new Error(`expected the exec form ["...", ...], found ${args}`);
  return argv;
}

/** The command of a stage's `HEALTHCHECK [options] CMD [...]`. */
export function healthcheckOf(stage: DockerStage): string[] {
  const args = argsOf(stage, 'HEALTHCHECK').at(-1) ?? '';
  const [, command] = /^(?:--\S+ )*CMD (.*)$/.exec(args) ?? [];
  if (command === undefined) throw new Error(`expected HEALTHCHECK [options] CMD [...], found ${args}`);
  return execForm(command);
}

/** The variables a stage's `ENV KEY=value ...` lines set (unquoted values only). */
export function envOf(stage: DockerStage): Record<string, string> {
  const env: Record<string, string> = {};
  for (const args of argsOf(stage, 'ENV')) {
    if (/["'$]/.test(args)) throw new Error(`ENV ${args}: quotes and variables are not read by this check`);
    for (const pair of args.split(' ')) {
      const [key, ...value] = pair.split('=');
      if (key === undefined || value.length === 0) throw new Error(`ENV ${args}: expected KEY=value pairs`);
      env[key] = value.join('=');
    }
  }
  return env;
}

/**
 * Copies a folder as Docker sends it as the build context: without what `.dockerignore` excludes. The
 * rules are Docker's: patterns relative to the root, `*` and `?` within one path segment, `**` across
 * segments, a matching folder excludes everything in it, and a later `!pattern` takes a path back.
 */
export function copyBuildContext(from: string, to: string, dockerignore: string): void {
  const rules = dockerignore
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'))
    .map((line) => {
      const negate = line.startsWith('!');
      const pattern = (negate ? line.slice(1) : line).trim().replace(/^\/+|\/+$/g, '');
      return { negate, regex: globToRegex(pattern) };
    });
  const canTakeBack = rules.some((rule) => rule.negate);
  const excluded = (path: string): boolean => {
    const prefixes = path.split('/').map((_, i, parts) => parts.slice(0, i + 1).join('/'));
    let result = false;
    for (const rule of rules) if (prefixes.some((prefix) => rule.regex.test(prefix))) result = !rule.negate;
    return result;
  };

  const walk = (relative: string): void => {
    for (const entry of readdirSync(join(from, relative), { withFileTypes: true })) {
      const path = relative === '' ? entry.name : `${relative}/${entry.name}`;
      const isExcluded = excluded(path);
      if (entry.isDirectory()) {
        if (isExcluded && !canTakeBack) continue;
        walk(path);
      } else if (!isExcluded) {
        mkdirSync(join(to, relative), { recursive: true });
        if (entry.isSymbolicLink()) symlinkSync(readlinkSync(join(from, path)), join(to, path));
        else copyFileSync(join(from, path), join(to, path));
      }
    }
  };
  mkdirSync(to, { recursive: true });
  walk('');
}

function globToRegex(pattern: string): RegExp {
  let source = '';
  for (let i = 0; i < pattern.length; i++) {
    const char = pattern.charAt(i);
    if (char === '*' && pattern[i + 1] === '*') {
      // `**/` matches no folder or any number of them; a final `**` matches everything below.
      if (pattern[i + 2] === '/') {
        source += '(?:.*/)?';
        i += 2;
      } else {
        source += '.*';
        i += 1;
      }
    } else if (char === '*') source += '[^/]*';
    else if (char === '?') source += '[^/]';
    else source += char.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${source}$`);
}
