/** The layering of docs/style.md section 1, enforced: dependencies point inward (section 1.2). */
module.exports = {
  forbidden: [
    {
      name: 'domain-is-pure',
      comment: 'src/domain holds no I/O: it may import only zod and itself.',
      severity: 'error',
      // Its tests may use the test tools (vitest, fast-check) and node:crypto to check what it computes.
      from: { path: '^src/domain', pathNot: '\\.test\\.ts$' },
      to: { pathNot: ['^src/domain', 'node_modules/zod'] },
    },
    {
      name: 'inner-layers-use-ports',
      comment:
        'Use cases and projections reach adapters only through ports beside them; src/compose.ts passes the adapters in. Their tests may use the real adapters.',
      severity: 'error',
      from: { path: '^src/(application|projections)', pathNot: '\\.test\\.ts$' },
      to: { path: '^src/infrastructure' },
    },
    {
      name: 'composition-root-on-top',
      comment: 'Only the entry points (cli, api) open the wired services; no layer below imports src/compose.ts.',
      severity: 'error',
      from: { path: '^src/(domain|application|projections|infrastructure)' },
      to: { path: '^src/compose\\.ts$' },
    },
    {
      name: 'api-and-cli-apart',
      comment:
        'The CLI and the HTTP API both call use cases; neither imports the other. The one exception: `nem serve` and `nem start` start the server.',
      severity: 'error',
      from: { path: '^src/cli', pathNot: '^src/cli/commands/(serve|start)\\.command\\.ts$' },
      to: { path: '^src/api' },
    },
    {
      name: 'serve-starts-only-the-server',
      severity: 'error',
      from: { path: '^src/cli/commands/(serve|start)\\.command\\.ts$' },
      to: { path: '^src/api', pathNot: '^src/api/server\\.ts$' },
    },
    {
      name: 'cli-and-api-apart',
      severity: 'error',
      from: { path: '^src/api' },
      to: { path: '^src/cli' },
    },
    {
      name: 'esdb-client-in-its-adapter',
      comment: 'Only the EventStoreDB adapter talks to the EventStoreDB client.',
      severity: 'error',
      from: { pathNot: '^src/infrastructure/event-store/esdb' },
      to: { path: 'node_modules/@kurrent' },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    // Tests are cruised too (a test beside the API importing the CLI is the same coupling); fixtures and
    // the event-store contract suite are test tools, shared by design.
    exclude: { path: '\\.(fixtures|contract)\\.ts$' },
  },
};
