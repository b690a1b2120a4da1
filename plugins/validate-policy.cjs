'use strict';

/**
 * osls / Serverless Framework v3 plugin: validates the copy policy before anything is packaged or
 * deployed, with the project's own validator (src/policy/loadPolicyFile.ts, the one the CLI and
 * the Lambda use), so an invalid policy can never reach an account.
 *
 * The policy file comes from `custom.copyAutopilot.policyFile` (the `policyFile` param), relative
 * to the service directory. A validation failure aborts the command with the validator's message.
 *
 * CommonJS because the framework loads local plugins with `require`; the TypeScript validator is
 * loaded through tsx's ESM API so there is no second, compiled copy of it.
 */
const path = require('node:path');
const { pathToFileURL } = require('node:url');

const VALIDATOR_MODULE = 'src/policy/loadPolicyFile.ts';

class ValidatePolicyPlugin {
  constructor(serverless, _options, { log } = {}) {
    this.serverless = serverless;
    this.log = log;
    const validate = () => this.validate();
    this.hooks = {
      'before:package:initialize': validate,
      // `deploy --package <dir>` skips packaging; `deploy function` packages one function.
      'before:deploy:deploy': validate,
      'before:deploy:function:initialize': validate,
    };
  }

  policyPath() {
    const configured = this.serverless.service.custom?.copyAutopilot?.policyFile;
    if (typeof configured !== 'string' || configured.trim() === '') {
      throw new this.serverless.classes.Error(
        'custom.copyAutopilot.policyFile is not set: pass --param="policyFile=<path to the policy YAML>"',
      );
    }
    return path.resolve(this.serverless.serviceDir, configured);
  }

  async validate() {
    if (this.validated) return;
    const policyPath = this.policyPath();
    const { tsImport } = await import('tsx/esm/api');
    const validatorUrl = pathToFileURL(path.join(this.serverless.serviceDir, VALIDATOR_MODULE)).href;
    const { loadPolicyFileSync } = await tsImport(validatorUrl, pathToFileURL(__filename).href);
    let policy;
    try {
      policy = loadPolicyFileSync(policyPath);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      throw new this.serverless.classes.Error(
        `Invalid copy policy ${path.relative(this.serverless.serviceDir, policyPath)}:\n${message}`,
        'COPY_AUTOPILOT_INVALID_POLICY',
      );
    }
    this.validated = true;
    const rules = Array.isArray(policy?.rules) ? policy.rules.length : 0;
    this.log?.notice?.(
      `Copy policy ${path.relative(this.serverless.serviceDir, policyPath)} is valid (${rules} rules)`,
    );
  }
}

module.exports = ValidatePolicyPlugin;
