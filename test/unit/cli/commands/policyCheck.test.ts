import { describe, expect, it } from 'vitest';
import { policyCheck } from '../../../../src/cli/commands/policyCheck.js';
import { runCli } from '../../../../src/cli/run.js';
import { memoryContext } from './cliContext.js';

const commands = [policyCheck];

describe('Command: policy check', () => {
  it('exits 0 and prints every rule of a valid file as understood', async () => {
    // Prepare
    const { printer, context } = memoryContext();

    // Act
    const code = await runCli(['policy', 'check', 'test/fixtures/policies/minimal.yml'], commands, context);

    // Assess
    expect(code).toBe(0);
    expect(printer.out[0]).toMatch(/^NAME\s+MATCH\s+ACTION\s+ONEXISTING\s+ONDELETED$/);
    expect(printer.out[1]).toMatch(
      /^everything\s+\(everything\)\s+copy to us-west-2, 7 days, AWS-owned key\s+report\s+restore$/,
    );
    expect(printer.err.join('\n')).toContain(
      'scope: this stack’s own account, in the region it is deployed to',
    );
    expect(printer.err.join('\n')).toContain('valid (1 rule');
  });

  it('checks copy-policy.yml in the working directory when no file is given', async () => {
    // Prepare
    const { printer, context } = memoryContext();

    // Act
    const code = await runCli(['policy', 'check'], commands, context);

    // Assess
    expect(code).toBe(0);
    const table = printer.out.join('\n');
    expect(table).toMatch(/sandboxes-stay-local\s+namespace=sandbox-\*\s+skip\s+-/);
    expect(table).toMatch(
      /production-west-coast\s+namespace=prod-\* tags=\{dr-tier=gold\} sourceRegions=\[us-west-2\]\s+copy to us-east-2, 30 days, AWS-owned key\s+update/,
    );
  });

  it('exits 1 and prints every issue with its line, rule and field', async () => {
    // Prepare
    const { printer, context } = memoryContext();

    // Act
    const code = await runCli(['policy', 'check', 'test/fixtures/policies/invalid.yml'], commands, context);

    // Assess
    expect(code).toBe(1);
    const file = 'test/fixtures/policies/invalid.yml';
    expect(printer.out).toHaveLength(3);
    expect(printer.out[0]).toMatch(
      new RegExp(`^${file}:8:\\d+: rule "production" \\(rules\\[0\\]\\): copyTo.retentionDays: `),
    );
    expect(printer.out[1]).toMatch(
      new RegExp(`^${file}:9:\\d+: rule "production" \\(rules\\[1\\]\\): name: .*duplicate`, 'i'),
    );
    expect(printer.out[2]).toMatch(new RegExp(`^${file}:11:\\d+: .*copyTo.region: .*mars-north-1`));
    expect(printer.err.join('\n')).toContain('invalid (3 issues)');
  });

  it('shows the scope and onDeleted of an organization policy', async () => {
    // Prepare
    const { printer, context } = memoryContext();

    // Act
    const table = await runCli(
      ['policy', 'check', 'test/fixtures/policies/organization.yml'],
      commands,
      context,
    );
    const json = memoryContext();
    await runCli(
      ['policy', 'check', 'test/fixtures/policies/organization.yml', '--output', 'json'],
      commands,
      json.context,
    );

    // Assess
    expect(table).toBe(0);
    expect(printer.out.join('\n')).toMatch(
      /audited\s+namespace=audit-\*\s+copy to us-west-2, 30 days, AWS-owned key\s+report\s+report/,
    );
    expect(printer.err.join('\n')).toContain(
      'scope: accounts=organization under [ou-ab12-cdefgh12] (and this stack’s own) regions=all-enabled memberRoleName=copy-autopilot-member',
    );
    expect(JSON.parse(json.printer.out.join('\n')).scope).toEqual({
      accounts: 'organization',
      organizationalUnits: ['ou-ab12-cdefgh12'],
      regions: 'all-enabled',
      memberRoleName: 'copy-autopilot-member',
    });
  });

  it('prints the issues as JSON with --output json', async () => {
    // Prepare
    const { printer, context } = memoryContext();

    // Act
    const code = await runCli(
      ['policy', 'check', 'test/fixtures/policies/invalid.yml', '--output', 'json'],
      commands,
      context,
    );

    // Assess
    expect(code).toBe(1);
    const report = JSON.parse(printer.out.join('\n')) as { valid: boolean; issues: { path: string }[] };
    expect(report.valid).toBe(false);
    expect(report.issues.map((issue) => issue.path)).toEqual([
      'rules[0].copyTo.retentionDays',
      'rules[1].name',
      'rules[1].copyTo.region',
    ]);
  });

  it('prints the rules as JSON with --output json', async () => {
    // Prepare
    const { printer, context } = memoryContext();

    // Act
    const code = await runCli(
      ['policy', 'check', 'test/fixtures/policies/minimal.yml', '--output', 'json'],
      commands,
      context,
    );

    // Assess
    expect(code).toBe(0);
    expect(JSON.parse(printer.out.join('\n'))).toEqual({
      file: 'test/fixtures/policies/minimal.yml',
      valid: true,
      rules: [
        {
          name: 'everything',
          match: {},
          copyTo: { region: 'us-west-2', retentionDays: 7 },
          onExisting: 'report',
          onDeleted: 'restore',
        },
      ],
    });
  });

  it('exits 2 with a resolution when the file cannot be read', async () => {
    // Prepare
    const { printer, context } = memoryContext();

    // Act
    const code = await runCli(['policy', 'check', 'no-such-policy.yml'], commands, context);

    // Assess
    expect(code).toBe(2);
    expect(printer.err.join('\n')).toContain('no such file');
  });

  it('takes the file as --policy FILE too, the option its missing-file hint and the other commands name', async () => {
    // Prepare
    const missing = memoryContext();
    const given = memoryContext();

    // Act
    await runCli(['policy', 'check', 'no-such-policy.yml'], commands, missing.context);
    const code = await runCli(
      ['policy', 'check', '--policy', 'test/fixtures/policies/minimal.yml'],
      commands,
      given.context,
    );

    // Assess
    expect(missing.printer.err[1]).toContain('--policy FILE');
    expect(code).toBe(0);
    expect(given.printer.err.join('\n')).toContain('test/fixtures/policies/minimal.yml: valid (1 rule');
  });

  it('exits 2 when the file is given both ways', async () => {
    // Prepare
    const { printer, context } = memoryContext();

    // Act
    const code = await runCli(['policy', 'check', 'a.yml', '--policy', 'b.yml'], commands, context);

    // Assess
    expect(code).toBe(2);
    expect(printer.err[0]).toBe('error: the policy file is given twice');
  });

  it('describes itself on --help', async () => {
    // Prepare
    const { printer, context } = memoryContext();

    // Act
    const code = await runCli(['policy', 'check', '--help'], commands, context);

    // Assess
    expect(code).toBe(0);
    expect(printer.out.join('\n')).toContain('copy-autopilot policy check [FILE | --policy FILE]');
  });
});
