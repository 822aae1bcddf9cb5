/**
 * The environment of a plain terminal for the commands the setup tests start: without what an
 * outer `npm run` (or Vitest) exports to its children, which a nested npm would otherwise obey
 * (this project's strict-allow-scripts, its prefix), and without colour codes in the output.
 */
export function plainShellEnvironment(overrides: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (/^(npm_|NPM_CONFIG_|INIT_CWD$|VITEST|NODE_OPTIONS$|TEST$)/.test(name)) continue;
    env[name] = value;
  }
  return { ...env, NO_COLOR: '1', ...overrides };
}
