'use strict';

/**
 * osls / Serverless Framework v3 plugin: the copy policy, checked and compiled at build time.
 *
 * `${copyPolicy:compiledFile}` resolves to the policy the functions load: the YAML file named by
 * `custom.copyAutopilot.policyFile` (the `policyFile` param), validated with the project's own
 * validator (src/policy/loadPolicyFile.ts, the one the CLI and the Lambda use) and written as
 * JSON under .copy-autopilot/ (src/policy/compilePolicy.ts). serverless.yml uses it for
 * POLICY_FILE and for the package patterns, so an invalid policy can never reach an account:
 * resolving the variable fails the command with the validator's message, before anything is
 * packaged or deployed.
 *
 * CommonJS because the framework loads local plugins with `require`; the TypeScript modules are
 * loaded through tsx's ESM API so there is no second, compiled copy of them.
 */
const path = require('node:path');
const { pathToFileURL } = require('node:url');

const COMPILER_MODULE = 'src/policy/compilePolicy.ts';
const OUTPUT_DIR = '.copy-autopilot';

class CopyPolicyPlugin {
  constructor(serverless, _options, { log } = {}) {
    this.serverless = serverless;
    this.log = log;
    this.compiled = new Map();
    this.configurationVariablesSources = {
      copyPolicy: {
        resolve: async ({ address, resolveConfigurationProperty }) => {
          if (address !== 'compiledFile') {
            throw new this.serverless.classes.Error(
              `\${copyPolicy:${address}} is not known; use \${copyPolicy:compiledFile}`,
              'COPY_AUTOPILOT_UNKNOWN_POLICY_VARIABLE',
            );
          }
          const source = await resolveConfigurationProperty(['custom', 'copyAutopilot', 'policyFile']);
          return { value: await this.compile(source) };
        },
      },
    };
  }

  /** Compiles once per source file and process; returns the JSON's path relative to the service. */
  async compile(source) {
    if (typeof source !== 'string' || source.trim() === '') {
      throw new this.serverless.classes.Error(
        'custom.copyAutopilot.policyFile is not set: pass --param="policyFile=<path to the policy YAML>"',
        'COPY_AUTOPILOT_NO_POLICY',
      );
    }
    if (!this.compiled.has(source)) this.compiled.set(source, this.compileUncached(source));
    return this.compiled.get(source);
  }

  async compileUncached(source) {
    const serviceDir = this.serverless.serviceDir;
    const sourcePath = path.resolve(serviceDir, source);
    const { tsImport } = await import('tsx/esm/api');
    const compilerUrl = pathToFileURL(path.join(serviceDir, COMPILER_MODULE)).href;
    const { compilePolicyFile } = await tsImport(compilerUrl, pathToFileURL(__filename).href);
    let compiled;
    try {
      compiled = compilePolicyFile(sourcePath, path.join(serviceDir, OUTPUT_DIR));
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      throw new this.serverless.classes.Error(
        `Invalid copy policy ${path.relative(serviceDir, sourcePath)}:\n${message}`,
        'COPY_AUTOPILOT_INVALID_POLICY',
      );
    }
    const relative = path.relative(serviceDir, compiled.file);
    this.log?.notice?.(
      `Copy policy ${path.relative(serviceDir, sourcePath)} is valid (${compiled.policy.rules.length} rules), compiled to ${relative}`,
    );
    return relative;
  }
}

module.exports = CopyPolicyPlugin;
