import { describe, expect, it } from 'vitest';
import { UsageError } from '../../../src/cli/errors.js';
import {
  positiveNumberOption,
  readSweepOptions,
  reportFormat,
  selectedAccounts,
  selectedRegions,
  targetSelection,
} from '../../../src/cli/sweepOptions.js';
import type { Policy } from '../../../src/domain/policy/types.js';
import { memoryContext } from './commands/cliContext.js';

const RULES: Policy = { version: 1, rules: [] };
const SCOPED: Policy = {
  version: 1,
  rules: [],
  scope: {
    accounts: { kind: 'organization', organizationalUnits: ['ou-ab12-cdefgh12'] },
    regions: { kind: 'list', regions: ['us-east-1', 'eu-west-1'] },
    memberRoleName: 'copy-autopilot-member',
  },
};
const defaultRegion = () => 'us-east-2';

describe('Function: selectedRegions', () => {
  it('returns repeated --region and --regions together, once each, in order', () => {
    // Act
    const regions = selectedRegions({ region: ['us-east-1', 'eu-west-1'], regions: 'eu-west-1, ap-south-1' });

    // Assess
    expect(regions).toEqual(['us-east-1', 'eu-west-1', 'ap-south-1']);
  });

  it('returns no region when none is named, so the default applies', () => {
    // Act & Assess
    expect(selectedRegions({})).toEqual([]);
  });

  it('rejects what is not a region with a usage error', () => {
    // Act & Assess
    expect(() => selectedRegions({ regions: 'us-east-1,useast2' })).toThrow(UsageError);
  });
});

describe('Function: selectedAccounts', () => {
  it('returns the accounts once each, and rejects what is not 12 digits', () => {
    // Act & Assess
    expect(selectedAccounts({ accounts: '111111111111, 222222222222,111111111111' })).toEqual([
      '111111111111',
      '222222222222',
    ]);
    expect(() => selectedAccounts({ accounts: '111111111111,1234' })).toThrow(UsageError);
  });
});

describe('Function: reportFormat', () => {
  it('accepts table, json and csv, and nothing else', () => {
    // Act & Assess
    expect(['table', 'json', 'csv'].map((output) => reportFormat({ output }))).toEqual([
      'table',
      'json',
      'csv',
    ]);
    expect(reportFormat({})).toBe('table');
    expect(() => reportFormat({ output: 'yaml' })).toThrow('--output must be table, json or csv');
  });
});

describe('Function: targetSelection', () => {
  it('returns your own account in the default region when neither options nor the policy say more', () => {
    // Act & Assess
    expect(targetSelection({}, RULES, defaultRegion)).toEqual({
      accounts: { kind: 'current' },
      regions: { kind: 'list', regions: ['us-east-2'] },
      roleName: undefined,
    });
  });

  it('returns the policy’s scope, with the caller’s account joining it, when no option overrides it', () => {
    // Act & Assess
    expect(targetSelection({}, SCOPED, defaultRegion)).toEqual({
      accounts: { kind: 'organization', organizationalUnits: ['ou-ab12-cdefgh12'], withCaller: true },
      regions: { kind: 'list', regions: ['us-east-1', 'eu-west-1'] },
      roleName: 'copy-autopilot-member',
    });
  });

  it('lets --accounts, --regions and --role-name override the scope, the accounts exactly as named', () => {
    // Act
    const selection = targetSelection(
      { accounts: '111111111111,222222222222', regions: 'ap-south-1', 'role-name': 'auditor' },
      SCOPED,
      defaultRegion,
    );

    // Assess
    expect(selection).toEqual({
      accounts: { kind: 'list', accountIds: ['111111111111', '222222222222'], withCaller: false },
      regions: { kind: 'list', regions: ['ap-south-1'] },
      roleName: 'auditor',
    });
  });
});

describe('Function: positiveNumberOption', () => {
  it('returns fractional rates and the default when absent', () => {
    // Act & Assess
    expect(positiveNumberOption({ rate: '0.5' }, 'rate', 10)).toBe(0.5);
    expect(positiveNumberOption({}, 'rate', 10)).toBe(10);
  });

  it('rejects zero with a usage error naming the option', () => {
    // Act & Assess
    expect(() => positiveNumberOption({ rate: '0' }, 'rate', 10)).toThrow('--rate must be a positive number');
  });
});

describe('Function: readSweepOptions', () => {
  it('prints an invalid policy issue by issue, as policy check does, but on stderr, and gives undefined', async () => {
    // Prepare
    const { printer, context } = memoryContext();
    const file = 'test/fixtures/policies/invalid.yml';

    // Act
    const options = await readSweepOptions({ policy: file, output: 'json' }, context);

    // Assess
    expect(options).toBeUndefined();
    expect(printer.out).toEqual([]);
    expect(printer.err).toHaveLength(4);
    expect(printer.err.slice(0, 3).every((line) => line.startsWith(`${file}:`))).toBe(true);
    expect(printer.err.filter((line) => line.includes('mars-north-1'))).toHaveLength(1);
    expect(printer.err[3]).toBe(`${file}: invalid (3 issues)`);
  });
});
