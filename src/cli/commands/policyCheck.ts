import { toPolicyDocument } from '../../domain/policy/toPolicyDocument.js';
import { outputFormat } from '../awsOptions.js';
import type { Command } from '../command.js';
import { UsageError } from '../errors.js';
import { DEFAULT_POLICY_FILE, readPolicyOption } from '../policyFileOption.js';
import { describeScope, ruleRow } from '../policyRuleView.js';

/**
 * `copy-autopilot policy check [FILE]`: the validator the build and the Lambda use, on a file.
 * Exit 0 and the rules as understood, or exit 1 and every issue, one line each.
 */
export const policyCheck: Command = {
  path: ['policy', 'check'],
  summary: 'validate a policy file and show its rules as understood',
  usage: [
    `copy-autopilot policy check [FILE | --policy FILE] [--output table|json]`,
    '',
    `Validates FILE (default: ${DEFAULT_POLICY_FILE}) with the same validator as the deploy and the`,
    'copy worker; no AWS call. Valid: prints the rules in the order they are tried (first match',
    'wins), then the scope. Invalid: prints every issue as file:line:column: rule, field, message.',
    '',
    '  --policy FILE     the policy file, as the other commands take it (or give it as FILE)',
    '  --output F        table (default) or json',
  ].join('\n'),
  notOk: 'the policy file is invalid (every issue is printed)',
  options: { policy: { type: 'string' }, output: { type: 'string', default: 'table' } },
  allowPositionals: true,
  run: async ({ values, positionals }, { printer, cwd }) => {
    if (positionals.length > 1) {
      throw new UsageError(
        `expected at most one policy file, got ${positionals.length}: ${positionals.join(' ')}`,
      );
    }
    const named = typeof values.policy === 'string' ? values.policy : undefined;
    if (named !== undefined && positionals.length > 0) {
      throw new UsageError('the policy file is given twice', 'pass it as FILE or as --policy FILE, not both');
    }
    const output = outputFormat(values);
    const file = named ?? positionals[0] ?? DEFAULT_POLICY_FILE;
    const policy = await readPolicyOption(file, cwd, printer, output);
    if (policy === undefined) return 1;
    if (output === 'json') {
      // The scope as written in the file (`accounts: organization`), not the typed form.
      const { scope } = toPolicyDocument(policy);
      printer.json(
        scope === undefined
          ? { file, valid: true, rules: policy.rules }
          : { file, valid: true, scope, rules: policy.rules },
      );
    } else {
      printer.table(policy.rules.map(ruleRow), ['name', 'match', 'action', 'onExisting', 'onDeleted']);
      printer.note(describeScope(policy.scope));
      const count = policy.rules.length === 1 ? '1 rule' : `${policy.rules.length} rules`;
      printer.note(`${file}: valid (${count}; first match wins, unmatched namespaces are left alone)`);
    }
    return 0;
  },
};
