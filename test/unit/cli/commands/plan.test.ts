import {
  CreateNamespaceCommand,
  CreateSnapshotCopyConfigurationCommand,
  RedshiftServerlessClient,
} from '@aws-sdk/client-redshift-serverless';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { plan } from '../../../../src/cli/commands/plan.js';
import { runCli } from '../../../../src/cli/run.js';
import { createLocalCloud, type LocalCloud } from '../../../../src/local/localCloud.js';
import { memoryContext } from './cliContext.js';

const commands = [plan];

describe('Command: plan (one namespace, no AWS)', () => {
  it('prints the matching rule and the copy configuration a request would create', async () => {
    // Prepare: no endpoint and no credentials, so any AWS call would fail.
    const { printer, context } = memoryContext();

    // Act
    const code = await runCli(
      ['plan', '--namespace', 'prod-orders', '--tags', 'dr-tier=gold,team=data', '--region', 'us-east-1'],
      commands,
      context,
    );

    // Assess
    expect(code).toBe(0);
    const text = printer.out.join('\n');
    expect(text).toMatch(
      /prod-orders\s+us-east-1\s+\(not given\)\s+production\s+copy\s+create\s+copy to us-west-2, 30 days/,
    );
    expect(text).toContain(
      'CreateSnapshotCopyConfiguration {"namespaceName":"prod-orders","destinationRegion":"us-west-2","snapshotRetentionPeriod":30}',
    );
  });

  it('prints the decision as JSON with --output json', async () => {
    // Prepare
    const { printer, context } = memoryContext({ env: { AWS_REGION: 'us-west-2' } });

    // Act
    const code = await runCli(
      [
        'plan',
        '--namespace',
        'prod-web',
        '--tags',
        'dr-tier=gold',
        '--account',
        '111111111111',
        '--output',
        'json',
      ],
      commands,
      context,
    );

    // Assess
    expect(code).toBe(0);
    expect(JSON.parse(printer.out.join('\n'))).toMatchObject({
      namespace: 'prod-web',
      account: '111111111111',
      region: 'us-west-2',
      tags: { 'dr-tier': 'gold' },
      decision: 'copy',
      rule: 'production-west-coast',
      target: { region: 'us-east-2', retentionDays: 30 },
      action: 'create',
      create: { namespaceName: 'prod-web', destinationRegion: 'us-east-2', snapshotRetentionPeriod: 30 },
    });
  });

  it('says a skipped namespace is left alone', async () => {
    // Prepare
    const { printer, context } = memoryContext();

    // Act
    const code = await runCli(
      ['plan', '--namespace', 'sandbox-joe', '--region', 'eu-west-1'],
      commands,
      context,
    );

    // Assess
    expect(code).toBe(0);
    expect(printer.out.join('\n')).toMatch(
      /sandbox-joe\s+eu-west-1\s+\(not given\)\s+sandboxes-stay-local\s+skip\s+nothing/,
    );
  });

  it('exits 1 when the matching rule would copy to the namespace own region', async () => {
    // Prepare
    const { printer, context } = memoryContext();

    // Act
    const code = await runCli(
      [
        'plan',
        '--namespace',
        'orders',
        '--region',
        'us-west-2',
        '--policy',
        'test/fixtures/policies/minimal.yml',
      ],
      commands,
      context,
    );

    // Assess
    expect(code).toBe(1);
    expect(printer.out.join('\n')).toMatch(
      /everything\s+invalid\s+dead-letter\s+rule "everything" copies to us-west-2/,
    );
  });

  it('exits 1 with every issue when the policy is invalid', async () => {
    // Prepare
    const { printer, context } = memoryContext();

    // Act
    const code = await runCli(
      [
        'plan',
        '--namespace',
        'orders',
        '--region',
        'us-east-1',
        '--policy',
        'test/fixtures/policies/invalid.yml',
      ],
      commands,
      context,
    );

    // Assess
    expect(code).toBe(1);
    expect(printer.out).toHaveLength(3);
  });

  it('exits 2 on malformed tags and on a namespace without a region', async () => {
    // Prepare
    const { context } = memoryContext();

    // Act & Assess
    expect(
      await runCli(
        ['plan', '--namespace', 'orders', '--region', 'us-east-1', '--tags', 'gold'],
        commands,
        context,
      ),
    ).toBe(2);
    expect(await runCli(['plan', '--namespace', 'orders'], commands, context)).toBe(2);
  });
});

describe('Command: plan (every namespace of a region, local cloud)', () => {
  let cloud: LocalCloud;
  let url: string;
  let redshift: RedshiftServerlessClient;

  beforeEach(async () => {
    cloud = createLocalCloud();
    ({ url } = await cloud.listen(0));
    redshift = new RedshiftServerlessClient({
      endpoint: url,
      region: 'us-east-1',
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    });
  });

  afterEach(async () => {
    redshift.destroy();
    await cloud.close();
  });

  it('plans each live namespace from its tags and copy configurations', async () => {
    // Prepare
    await redshift.send(
      new CreateNamespaceCommand({ namespaceName: 'prod-orders', tags: [{ key: 'dr-tier', value: 'gold' }] }),
    );
    await redshift.send(new CreateNamespaceCommand({ namespaceName: 'analytics' }));
    await redshift.send(
      new CreateSnapshotCopyConfigurationCommand({
        namespaceName: 'analytics',
        destinationRegion: 'us-west-2',
        snapshotRetentionPeriod: 7,
      }),
    );
    const { printer, context } = memoryContext({ env: { AWS_ENDPOINT_URL: url } });

    // Act
    const code = await runCli(['plan', '--region', 'us-east-1', '--output', 'json'], commands, context);

    // Assess
    expect(code).toBe(0);
    const entries = JSON.parse(printer.out.join('\n')) as Record<string, unknown>[];
    const byName = Object.fromEntries(entries.map((entry) => [entry.namespace, entry]));
    expect(byName['prod-orders']).toMatchObject({
      rule: 'production',
      tags: { 'dr-tier': 'gold' },
      action: 'create',
      create: { destinationRegion: 'us-west-2', snapshotRetentionPeriod: 30 },
    });
    expect(byName.analytics).toMatchObject({
      rule: 'everything-else',
      action: 'nothing',
      detail: 'as the policy wants',
    });
  });

  it('prints one row per live namespace, in name order, as a table', async () => {
    // Prepare
    await redshift.send(new CreateNamespaceCommand({ namespaceName: 'sandbox-joe' }));
    await redshift.send(new CreateNamespaceCommand({ namespaceName: 'analytics' }));
    const { printer, context } = memoryContext({ env: { AWS_ENDPOINT_URL: url } });

    // Act
    const code = await runCli(['plan', '--region', 'us-east-1'], commands, context);

    // Assess
    expect(code).toBe(0);
    expect(printer.out[0]).toMatch(/^NAMESPACE\s+ACCOUNT\s+RULE\s+DECISION\s+ACTION\s+DETAIL$/);
    expect(printer.out[1]).toMatch(
      /^analytics\s+000000000000\s+everything-else\s+copy\s+create\s+no copy configuration/,
    );
    expect(printer.out[2]).toMatch(/^sandbox-joe\s+000000000000\s+sandboxes-stay-local\s+skip\s+nothing/);
  });
});
