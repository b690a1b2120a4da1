import { join } from 'node:path';
import { RedshiftServerlessClient } from '@aws-sdk/client-redshift-serverless';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { assessTargets } from '../../../src/cli/assessTargets.js';
import { createMemoryPrinter } from '../../../src/cli/printer.js';
import { loadPolicyFileSync } from '../../../src/policyFiles/loadPolicyFile.js';
import { stubRegion } from '../../fixtures/pagedRedshiftServerless.js';

const POLICY = loadPolicyFileSync(join(import.meta.dirname, '../../fixtures/policies/minimal.yml'));

const reachable = new RedshiftServerlessClient({ region: 'us-east-1' });
const unreachable = new RedshiftServerlessClient({ region: 'us-east-1' });
const reachableStub = mockClient(reachable);
const unreachableStub = mockClient(unreachable);

afterEach(() => {
  reachableStub.reset();
  unreachableStub.reset();
});

describe('Function: assessTargets', () => {
  it('reports a target that fails with its error, still judges the others, and shows one progress bar', async () => {
    // Prepare
    stubRegion(reachableStub, {
      namespaces: ['ns-a', 'ns-b'],
      copies: { 'ns-a': { region: 'us-west-2', retentionDays: 7 } },
    });
    unreachableStub
      .onAnyCommand()
      .rejects(
        Object.assign(new Error('not authorized to perform: sts:AssumeRole'), { name: 'AccessDenied' }),
      );
    const printer = createMemoryPrinter();
    const access = {
      redshift: async (account: string | undefined) => (account === '222222222222' ? unreachable : reachable),
    };

    // Act
    const results = await assessTargets(
      {
        targets: [
          { account: '222222222222', region: 'us-east-1' },
          { account: '111111111111', region: 'us-east-1' },
        ],
        unplanned: [
          {
            account: '333333333333',
            error: Object.assign(new Error('no'), { name: 'AccessDeniedException' }),
          },
        ],
      },
      { access, policy: POLICY, concurrency: 2, ratePerSecond: 1000, printer },
    );

    // Assess: accounts whose regions were not listed first, then by account
    expect(results.map(({ account, region, error }) => [account, region, error?.name])).toEqual([
      ['333333333333', '-', 'AccessDeniedException'],
      ['111111111111', 'us-east-1', undefined],
      ['222222222222', 'us-east-1', 'AccessDenied'],
    ]);
    expect(results[1]?.assessment).toMatchObject({ assessed: 2, nonCompliant: [expect.anything()] });
    expect(printer.err.at(-1)).toBe('[##########] 2/2 targets, 2/2 namespaces, 1 non-compliant');
    expect(printer.err.every((line) => line.startsWith('['))).toBe(true);
  });

  it('names the account of a target read with your own credentials after its namespaces', async () => {
    // Prepare
    stubRegion(reachableStub, { namespaces: ['ns-a'] });

    // Act
    const [result] = await assessTargets(
      { targets: [{ region: 'us-east-1' }], unplanned: [] },
      {
        access: { redshift: async () => reachable },
        policy: POLICY,
        concurrency: 1,
        ratePerSecond: 1000,
        printer: createMemoryPrinter(),
      },
    );

    // Assess
    expect(result).toMatchObject({ account: '111111111111', region: 'us-east-1' });
  });
});
