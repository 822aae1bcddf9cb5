#!/usr/bin/env node
// Runs first in the npm scripts that need Node 24 (plain JavaScript that any Node runs), so an
// older Node stops with the fix instead of a deep error such as `Unknown file extension ".ts"`.
// `npm start` and `npm test` provision Node 24 themselves and need no guard.
const REQUIRED_MAJOR = 24;
const major = Number(process.versions.node.split('.')[0]);
if (major < REQUIRED_MAJOR) {
  const script = process.env.npm_lifecycle_event ? `npm run ${process.env.npm_lifecycle_event}` : 'this script';
  console.error(
    [
      `✗ ${script} needs Node.js ${REQUIRED_MAJOR} or later; this is Node ${process.versions.node}.`,
      `  Fix: run \`source scripts/node24.sh\` in this shell (it puts Node ${REQUIRED_MAJOR} on PATH, fetching it into .tools/ once if needed), then ${script} again.`,
      `  Or use \`npm start\` / \`npm test\`, which do that for you, or install Node ${REQUIRED_MAJOR} (for example \`nvm install ${REQUIRED_MAJOR}\`).`,
    ].join('\n'),
  );
  process.exit(1);
}
