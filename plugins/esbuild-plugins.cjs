'use strict';

/**
 * esbuild plugins for serverless-esbuild (`custom.esbuild.plugins` in serverless.yml).
 *
 * sdk-package-version: every AWS SDK v3 client's runtimeConfig.js does
 * `import packageInfo from "../package.json"` and reads only `packageInfo.version` (its user
 * agent). esbuild cannot tree-shake a default-imported JSON object, so each client bundled its
 * whole package.json (scripts, dependencies, exports…): ~10 KiB of a copy worker's 500 KiB
 * budget. The plugin hands such an import `{ name, version }` instead, and only when the
 * importing file provably reads nothing else from it (every use of the binding is
 * `<binding>.version`); anything else keeps the full file, so a future SDK that reads more
 * still gets it.
 *
 * CommonJS because serverless-esbuild loads this file with `require`.
 */
const { readFileSync } = require('node:fs');
const path = require('node:path');

const NAMESPACE = 'sdk-package-version';
/** The runtime configuration modules of @aws-sdk clients (nested ones included). */
const SDK_RUNTIME_CONFIG = /[\\/]node_modules[\\/]@aws-sdk[\\/].+[\\/]runtimeConfig\.js$/;
/** `import packageInfo from "../package.json";` as the SDK's build writes it. */
const DEFAULT_IMPORT = /^import (\w+) from "((?:\.\.\/)+package\.json)";$/m;

/** Whether `source` imports `specifier` by default and reads nothing but `.version` from it. */
function readsOnlyVersion(source, specifier) {
  const declaration = DEFAULT_IMPORT.exec(source);
  if (declaration === null || declaration[2] !== specifier) return false;
  const binding = declaration[1];
  const rest = source.slice(declaration.index + declaration[0].length);
  const uses = rest.match(new RegExp(`\\b${binding}\\b\\.?\\w*`, 'g')) ?? [];
  return uses.length > 0 && uses.every((use) => use === `${binding}.version`);
}

/** @type {import('esbuild').Plugin} */
const sdkPackageVersion = {
  name: NAMESPACE,
  setup(build) {
    build.onResolve({ filter: /^(\.\.\/)+package\.json$/ }, (args) => {
      if (!SDK_RUNTIME_CONFIG.test(args.importer)) return undefined;
      if (!readsOnlyVersion(readFileSync(args.importer, 'utf8'), args.path)) return undefined;
      return { path: path.resolve(path.dirname(args.importer), args.path), namespace: NAMESPACE };
    });
    build.onLoad({ filter: /.*/, namespace: NAMESPACE }, (args) => {
      const { name, version } = JSON.parse(readFileSync(args.path, 'utf8'));
      return { contents: JSON.stringify({ name, version }), loader: 'json' };
    });
  },
};

module.exports = [sdkPackageVersion];
