import { InvalidArgumentError } from 'commander';

/**
 * Parsers of option values. They throw commander's InvalidArgumentError, so the message names the
 * option and the value: `option '--limit <n>' argument '0' is invalid. expected a whole number ...`.
 */
export function positiveInteger(max: number): (value: string) => number {
  return (value) => {
    const number = /^\d+$/.test(value.trim()) ? Number(value) : Number.NaN;
    if (!Number.isSafeInteger(number) || number < 1 || number > max) {
      throw new InvalidArgumentError(`expected a whole number from 1 to ${max}`);
    }
    return number;
  };
}

export function port(value: string): number {
  const number = /^\d+$/.test(value.trim()) ? Number(value) : Number.NaN;
  if (!Number.isInteger(number) || number < 0 || number > 65535) {
    throw new InvalidArgumentError('expected a port from 0 to 65535 (0: any free port)');
  }
  return number;
}
