import type { FlowFileLimits } from '../src/infrastructure/files/flow-file.js';

/** The product's default content limit (NEM_MAX_DECOMPRESSED_MB=1024), for tests that are not about limits. */
export const TEST_LIMITS: FlowFileLimits = { maxContentBytes: 1024 * 1024 * 1024 };
