import { createHash } from 'node:crypto';
import type { Sha256 } from '../domain/events/stream-digest.js';

/** A SHA-256 for the stream digest, by node:crypto. */
export function createSha256(): Sha256 {
  const hash = createHash('sha256');
  return {
    update: (text) => {
      hash.update(text, 'utf8');
    },
    hex: () => hash.digest('hex'),
  };
}
