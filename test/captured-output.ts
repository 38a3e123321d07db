import { Writable } from 'node:stream';
import type { Output } from '../src/cli/output.js';

/** An Output that keeps what a command writes, for tests that run the CLI's code in their own process. */
export interface CapturedOutput extends Output {
  /** Lines written with out(), in order. */
  readonly lines: string[];
  /** Lines written with err(), in order. */
  readonly errors: string[];
  /** Standard output as a terminal would show it: out() lines and data, in the order written. */
  stdout(): string;
  /** Standard error as a terminal would show it: err() lines and progress text, in order. */
  stderr(): string;
  /** The bytes written to data alone (a download to `-`, a CSV), as UTF-8. */
  text(): string;
}

/** `onLine` sees each out() and err() line as it is written, before the command goes on. */
export function captureOutput(onLine: (line: string) => void = () => undefined): CapturedOutput {
  const lines: string[] = [];
  const errors: string[] = [];
  let stdout = '';
  let stderr = '';
  let data = '';
  return {
    lines,
    errors,
    out: (line) => {
      lines.push(line);
      stdout += `${line}\n`;
      onLine(line);
    },
    err: (line) => {
      errors.push(line);
      stderr += `${line}\n`;
      onLine(line);
    },
    progress: (text) => (stderr += text),
    interactive: false,
    data: new Writable({
      write(chunk: Buffer | string, _encoding, done) {
        const text = chunk.toString();
        data += text;
        stdout += text;
        done();
      },
    }),
    stdout: () => stdout,
    stderr: () => stderr,
    text: () => data,
  };
}
