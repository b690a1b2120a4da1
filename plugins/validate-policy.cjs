'use strict';

/**
 * osls / Serverless Framework v3 plugin: the copy policy, checked and compiled at build time.
 *
 * `${copyPolicy:compiledFile}` resolves to the policy the functions load: the YAML file named by
 * `custom.copyAutopilot.policyFile` (the `policyFile` param), validated with the project's own
 * validator (src/policyFiles/loadPolicyFile.ts, the one the CLI and the Lambda use) and written as
 * JSON under .copy-autopilot/ (src/policyFiles/compilePolicy.ts). serverless.yml uses it for
 * POLICY_FILE and for the package patterns, so an invalid policy can never reach an account:
 * resolving the variable fails the command with the validator's message, before anything is
 * packaged or deployed.
 *
 * `${copyPolicy:memberRoleName}` resolves to the policy's `scope.memberRoleName` ('' when the policy
 * has none): the role is declared once, in the policy, and serverless.yml reads it from there for the
 * sts:AssumeRole grant of the copy and sweep workers (they read it from the compiled policy).
 *
 * CommonJS because the framework loads local plugins with `require`; the TypeScript modules are
 * loaded through tsx's ESM API so there is no second, compiled copy of them.
 */
const path = require('node:path');
const { pathToFileURL } = require('node:url');

const COMPILER_MODULE = 'src/policyFiles/compilePolicy.ts';
const OUTPUT_DIR = '.copy-autopilot';
/** What each `${copyPolicy:<address>}` resolves to, from the compiled policy. */
const ADDRESSES = {
  compiledFile: (compiled) => compiled.relative,
  memberRoleName: (compiled) => compiled.policy.scope?.memberRoleName ?? '',
};

/** Params that moved into the policy file: passing one would silently do nothing, so it fails instead. */
const RETIRED_PARAMS = {
  memberRoleName:
    'the member role is declared in the policy file now: scope.memberRoleName (with scope.accounts)',
};

class CopyPolicyPlugin {
  constructor(serverless, options, { log } = {}) {
    this.serverless = serverless;
    this.options = options ?? {};
    this.log = log;
    this.compiled = new Map();
    this.configurationVariablesSources = {
      copyPolicy: {
        resolve: async ({ address, resolveConfigurationProperty }) => {
          this.refuseRetiredParams();
          if (!Object.hasOwn(ADDRESSES, address)) {
            const known = Object.keys(ADDRESSES).map((name) => `\${copyPolicy:${name}}`);
            throw new this.serverless.classes.Error(
              `\${copyPolicy:${address}} is not known; use ${known.join(' or ')}`,
              'COPY_AUTOPILOT_UNKNOWN_POLICY_VARIABLE',
            );
          }
          const source = await resolveConfigurationProperty(['custom', 'copyAutopilot', 'policyFile']);
          return { value: ADDRESSES[address](await this.compile(source)) };
        },
      },
    };
  }

  /** `--param="memberRoleName=…"` from before the role moved into the policy fails loudly. */
  refuseRetiredParams() {
    const given = [this.options.param ?? []].flat().map((entry) => String(entry).split('=')[0]);
    for (const name of given) {
      if (!Object.hasOwn(RETIRED_PARAMS, name)) continue;
      throw new this.serverless.classes.Error(
        `--param="${name}=…" is no longer read: ${RETIRED_PARAMS[name]}`,
        'COPY_AUTOPILOT_RETIRED_PARAM',
      );
    }
  }

  /** Compiles once per source file and process; returns the JSON's path relative to the service and the policy. */
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
    return { relative, policy: compiled.policy };
  }
}

module.exports = CopyPolicyPlugin;
