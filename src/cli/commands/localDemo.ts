import { DEMO_POLICY_FILE } from '../../demo/demoScenario.js';
import { outputFormat } from '../awsOptions.js';
import type { Command } from '../command.js';
import { printDemoReport } from '../demoReportView.js';
import { UsageError } from '../errors.js';
import { readPolicyOption } from '../policyFileOption.js';

/** `copy-autopilot local demo`: the whole automation, end to end, on the local cloud. */
export const localDemo: Command = {
  path: ['local', 'demo'],
  summary: 'run every path of the automation on the local cloud and report',
  usage: [
    'copy-autopilot local demo [--policy FILE] [--port N] [--output table|json]',
    '',
    `Deploys the demo's policy, ${DEMO_POLICY_FILE}, whose scope is the home account`,
    '000000000000 and the members 111111111111 and 222222222222 in us-east-1 and eu-west-1; the',
    'member template goes into each of them and into 333333333333, outside the scope. Creates',
    'namespaces that are available at once, busy for a while, rejected by the service, skipped by',
    'the policy, requested twice, in a member account (protected through its role), in the member',
    'whose role is missing and in the account outside the scope (both dead-lettered as',
    'AccountNotManaged); deletes one configuration by hand and times its restoration; runs `status`',
    'over the scope. Says which fault it injected where; reports TimeToProtection per protected',
    "namespace and the Redshift Serverless calls, the automation's apart from the demo's and status's.",
    'Exits 0 only if every outcome, and status, is the expected one.',
    '',
    `  --policy FILE     deploy another policy (the expectations are written for the demo's)`,
    "  --port N          the local cloud's port (default 0: a free one)",
    '  --output F        table (default) or json (the whole report as data)',
  ].join('\n'),
  notOk: 'a namespace, or status, did not end as the demo expects, or the policy file is invalid',
  options: {
    policy: { type: 'string' },
    port: { type: 'string' },
    output: { type: 'string', default: 'table' },
  },
  run: async ({ values }, { printer, cwd }) => {
    const output = outputFormat(values);
    const port = values.port ? Number(values.port) : 0;
    if (!Number.isInteger(port) || port < 0 || port > 65535) {
      throw new UsageError(`--port must be a port number, got ${String(values.port)}`);
    }
    const policyFile = typeof values.policy === 'string' ? values.policy : undefined;
    // Checked before anything boots: osls would report an invalid one once per place it is used.
    if ((await readPolicyOption(policyFile ?? DEMO_POLICY_FILE, cwd, printer, output)) === undefined)
      return 1;
    // Loaded here, not at the top: every other command starts without the local cloud (~0.5 s).
    const { runDemo } = await import('../../demo/runDemo.js');
    const report = await runDemo({
      serviceDir: cwd,
      policyFile,
      port,
      progress: (line) => printer.note(line),
    });
    if (output === 'json') printer.json(report);
    else printDemoReport(report, printer);
    return report.ok ? 0 : 1;
  },
};
