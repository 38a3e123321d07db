/** The one table of exit codes every command uses. */
export const EXIT = {
  /** Every file was valid (validate) or nothing was rejected (import). */
  ok: 0,
  /** At least one file was invalid or rejected. */
  invalid: 1,
  /** Usage error, unreadable path, bad configuration or a system failure. */
  usage: 2,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

export function worst(a: ExitCode, b: ExitCode): ExitCode {
  return a > b ? a : b;
}
