/**
 * Where readers get the mock package, as the site says it: the repository (package.json's
 * `repository.url`, the one setting for it), the tarball `npm pack` writes, and the Node.js it
 * needs (its `engines`). The site header links the repository; the install instructions read the rest.
 */
import packageJson from 'kms-custom-key-store-mock/package.json' with { type: 'json' };

export const PACKAGE_NAME = packageJson.name;
export const REPOSITORY_URL = packageJson.repository.url;
/** The file `npm pack -w kms-custom-key-store-mock` writes in the repository's root. */
export const PACKAGE_TARBALL = `${packageJson.name}-${packageJson.version}.tgz`;
/** `22.12` from `>=22.12`. */
export const NODE_REQUIREMENT = packageJson.engines.node.replace(/^>=\s*/, '');
