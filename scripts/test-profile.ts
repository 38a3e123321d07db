// Where the suite's time goes: the slowest test files and tests of a vitest JSON report.
// Usage: npm run test:profile [-- <report.json> [count]]   (default: test-output/vitest.json, 20)
// Runs on Node's own type stripping, so it needs no build and imports nothing but node:.
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';

interface AssertionResult {
  readonly fullName: string;
  readonly status: string;
  readonly duration?: number | null;
}

interface FileResult {
  readonly name: string;
  readonly startTime: number;
  readonly endTime: number;
  readonly status: string;
  readonly assertionResults: readonly AssertionResult[];
}

interface Report {
  readonly startTime: number;
  readonly numPassedTests: number;
  readonly numFailedTests: number;
  readonly numPendingTests: number;
  readonly testResults: readonly FileResult[];
}

const [reportPath = 'test-output/vitest.json', countText = '20'] = process.argv.slice(2);
const count = Number(countText);
if (!Number.isInteger(count) || count < 1) {
  process.stderr.write(`test-profile: the count must be a whole number above 0, not "${countText}"\n`);
  process.exit(2);
}

let report: Report;
try {
  report = JSON.parse(readFileSync(reportPath, 'utf8')) as Report;
} catch (error) {
  process.stderr.write(
    `test-profile: cannot read ${reportPath} (${(error as Error).message}); run the suite first (npm test or npx vitest run)\n`,
  );
  process.exit(2);
}

const seconds = (ms: number): string => `${(ms / 1000).toFixed(1).padStart(7)} s`;
const files = report.testResults.map((file) => ({
  name: relative(process.cwd(), file.name),
  ms: file.endTime - file.startTime,
  tests: file.assertionResults.length,
}));
const tests = report.testResults.flatMap((file) =>
  file.assertionResults.map((test) => ({
    name: `${relative(process.cwd(), file.name)} > ${test.fullName}`,
    ms: test.duration ?? 0,
  })),
);
const byTime = <T extends { ms: number }>(rows: readonly T[]): T[] => [...rows].sort((a, b) => b.ms - a.ms);

const wallMs = Math.max(...report.testResults.map((file) => file.endTime)) - report.startTime;
const fileMs = files.reduce((sum, file) => sum + file.ms, 0);
const lines = [
  `${report.testResults.length} files, ${report.numPassedTests} passed, ${report.numFailedTests} failed, ${report.numPendingTests} skipped`,
  `wall ${seconds(wallMs).trim()} from the first file to the last; files add up to ${seconds(fileMs).trim()}`,
  '',
  `The ${count} slowest files (start to end, including their setup):`,
  ...byTime(files)
    .slice(0, count)
    .map((file) => `${seconds(file.ms)}  ${file.name} (${file.tests} tests)`),
  '',
  `The ${count} slowest tests (the test alone, without its file's setup):`,
  ...byTime(tests)
    .slice(0, count)
    .map((test) => `${seconds(test.ms)}  ${test.name}`),
];
process.stdout.write(`${lines.join('\n')}\n`);
