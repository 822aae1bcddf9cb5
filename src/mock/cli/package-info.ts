/**
 * The package's own package.json (its version, its repository), found by name so that it is the
 * same file whether the CLI runs from its sources, from the repository's bundle or from dist/.
 */
import { createRequire } from 'node:module';

interface PackageJson {
  name: string;
  version: string;
  repository?: string | { url: string };
}

const packageJson = createRequire(import.meta.url)('kms-custom-key-store-mock/package.json') as PackageJson;

export const PACKAGE_VERSION = packageJson.version;

/** The repository's web address (package.json's `repository.url`). */
export const REPOSITORY_URL =
  typeof packageJson.repository === 'string' ? packageJson.repository : (packageJson.repository?.url ?? '');

/** How a reader runs the CLI without installing the package first (a bare `npx kms-mock` would fetch another package). */
export const RUN_WITHOUT_INSTALL = `npx -p ${packageJson.name} kms-mock`;
