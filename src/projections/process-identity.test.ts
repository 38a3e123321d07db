import { spawnSync } from 'node:child_process';
import { hostname } from 'node:os';
import { describe, expect, it } from 'vitest';
import { isProcessGone, PROCESS_IDENTITY } from './process-identity.js';

const host = hostname().replace(/[^A-Za-z0-9-]/g, '_');
const now = new Date('2026-11-30T00:00:00Z');
const recently = new Date(now.getTime() - 60_000);
const longAgo = new Date(now.getTime() - 2 * 60 * 60 * 1000);

describe('isProcessGone', () => {
  it('knows this process, and names derived from its identity, as alive', () => {
    expect(isProcessGone(PROCESS_IDENTITY, longAgo, now)).toBe(false);
    expect(isProcessGone(`${PROCESS_IDENTITY}-a1b2c3`, longAgo, now)).toBe(false);
  });

  it('takes a process of this host for gone when its pid is not running, or is ours under another identity', () => {
    const exited = spawnSync(process.execPath, ['-e', '0']).pid;
    expect(exited).toBeGreaterThan(0);
    expect(isProcessGone(`${host}.${exited}.deadbeef`, recently, now)).toBe(true);
    expect(isProcessGone(`${host}.${process.pid}.00000000`, recently, now)).toBe(true);
    expect(isProcessGone(`${host}.${process.ppid}.deadbeef`, recently, now)).toBe(false);
  });

  it('takes a process of another host for gone only after an hour of silence', () => {
    expect(isProcessGone('elsewhere.42.deadbeef', recently, now)).toBe(false);
    expect(isProcessGone('elsewhere.42.deadbeef-0a0b0c', longAgo, now)).toBe(true);
  });

  it('takes a name that is not an identity for gone', () => {
    expect(isProcessGone('not-an-identity', recently, now)).toBe(true);
  });
});
