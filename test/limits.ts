import type { FlowFileLimits, OpenFlowFile } from '../src/application/flow-file.js';
import { openFlowFile } from '../src/infrastructure/files/flow-file.js';

/** The product's default content limit (NEM_MAX_DECOMPRESSED_MB=1024), for tests that are not about limits. */
export const TEST_LIMITS: FlowFileLimits = { maxContentBytes: 1024 * 1024 * 1024 };

/** Opens a flow file on disk as the application does, within TEST_LIMITS. */
export const openWithTestLimits: OpenFlowFile = (path) => openFlowFile(path, TEST_LIMITS);
