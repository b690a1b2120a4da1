import { RedshiftServerlessClient } from '@aws-sdk/client-redshift-serverless';
import { createCopyConfigurationInput } from '../../aws/redshiftServerlessAdapter.js';
import { inventoryRegion } from '../../aws/regionInventory.js';
import { evaluateCompliance, type InventoriedNamespace } from '../../domain/compliance/evaluateCompliance.js';
import {
  type CopyConfiguration,
  type CopySettings,
  describeRetention,
} from '../../domain/copyConfiguration.js';
import { isAccountId, isNamespaceName } from '../../domain/identifiers.js';
import type { Tags } from '../../domain/namespaceRef.js';
import { planCopyConfiguration } from '../../domain/planCopyConfiguration.js';
import { resolvePolicy } from '../../domain/policy/resolvePolicy.js';
import type { Policy } from '../../domain/policy/types.js';
import {
  AWS_OPTIONS_USAGE,
  awsClientConfig,
  awsOptions,
  type OutputFormat,
  outputFormat,
} from '../awsOptions.js';
import type { Command } from '../command.js';
import { UsageError } from '../errors.js';
import { DEFAULT_POLICY_FILE, readPolicyOption } from '../policyFileOption.js';
import { describeCopySettings } from '../policyRuleView.js';
import type { Printer } from '../printer.js';
import { regionFromOptionOrEnvironment } from '../regionOption.js';
import { sdkClientConfig } from '../sdkClientConfig.js';

/** What `plan` says about one namespace. */
export interface PlanEntry {
  readonly namespace: string;
  readonly account?: string;
  readonly region: string;
  readonly tags: Tags;
  /** The policy's decision: copy, skip, unmatched or invalid. */
  readonly decision: string;
  readonly rule?: string;
  /** The copy the matching rule wants (its `copyTo`). */
  readonly target?: CopySettings;
  /** What a request for this namespace would do: create, update-retention, nothing, … */
  readonly action: string;
  readonly detail: string;
  /** The CreateSnapshotCopyConfiguration input a request would send, when it would create one. */
  readonly create?: object;
  /** Live mode: the namespace's copy configurations as AWS reports them. */
  readonly existing?: readonly CopyConfiguration[];
}

/** Namespaces whose tags and copy configurations are read at once: gentle on the API's rate limits. */
const INVENTORY_CONCURRENCY = 4;

/**
 * `copy-autopilot plan`: what the policy wants for a namespace, without touching it. With
 * `--namespace` nothing calls AWS; without it, every namespace of the region is listed (with
 * its live tags and copy configurations) and planned the way the copy worker would.
 */
export const plan: Command = {
  path: ['plan'],
  summary: 'show which rule matches a namespace and what a request would create',
  usage: [
    'copy-autopilot plan --namespace NAME [--tags k=v,…] [--account A] [--region R] [--policy FILE]',
    'copy-autopilot plan --region R [--policy FILE] [aws options]',
    '',
    'With --namespace: resolves the policy for that namespace as described (no AWS call) and prints',
    'the matching rule and the copy configuration a request would create.',
    'Without it: lists every namespace in the region (ListNamespaces, tags, copy configurations)',
    'and prints, for each, the rule, the verdict and what a request would do. Reads only.',
    'A rule that cannot apply to a namespace is one the worker would dead-letter (exit 1).',
    '',
    '  --namespace NAME  the namespace name',
    '  --tags k=v,…      its tags (offline mode)',
    '  --account A       its account id (offline mode; rules restricted to accounts need it)',
    `  --policy FILE     policy file (default: ${DEFAULT_POLICY_FILE})`,
    AWS_OPTIONS_USAGE,
  ].join('\n'),
  notOk: 'the policy is invalid, a matching rule cannot apply to a namespace, or one could not be read',
  options: {
    ...awsOptions,
    namespace: { type: 'string' },
    tags: { type: 'string' },
    account: { type: 'string' },
    policy: { type: 'string', default: DEFAULT_POLICY_FILE },
  },
  run: async ({ values }, { printer, cwd, env }) => {
    const output = outputFormat(values);
    const policyFile = typeof values.policy === 'string' ? values.policy : undefined;
    const policy = await readPolicyOption(policyFile, cwd, printer, output);
    if (policy === undefined) return 1;

    const namespace = typeof values.namespace === 'string' ? values.namespace : undefined;
    let entries: PlanEntry[];
    if (namespace === undefined) {
      if (values.tags !== undefined || values.account !== undefined) {
        throw new UsageError(
          '--tags and --account describe one namespace',
          'pass --namespace NAME with them',
        );
      }
      const config = sdkClientConfig(awsClientConfig(values, env), env);
      const client = new RedshiftServerlessClient(config);
      try {
        entries = await planRegion(policy, client, config.region, printer);
      } finally {
        client.destroy();
      }
    } else {
      entries = [planOffline(policy, describedNamespace(namespace, values, env))];
    }
    printPlan(entries, printer, output, namespace === undefined);
    return entries.some((entry) => entry.decision === 'invalid' || entry.decision === 'unknown') ? 1 : 0;
  },
};

function describedNamespace(
  name: string,
  values: Readonly<Record<string, unknown>>,
  env: Readonly<Record<string, string | undefined>>,
): { name: string; account?: string; region: string; tags: Tags } {
  if (!isNamespaceName(name)) {
    throw new UsageError(`--namespace ${name}: a namespace name is 3–64 characters of a-z, 0-9 and "-"`);
  }
  const region = regionFromOptionOrEnvironment(values.region, env);
  if (!region) {
    throw new UsageError('the namespace needs a region', 'pass --region, or set AWS_REGION');
  }
  const account = typeof values.account === 'string' ? values.account : undefined;
  if (account !== undefined && !isAccountId(account)) {
    throw new UsageError(`--account ${account}: an account id is 12 digits`);
  }
  const tags = parseTags(typeof values.tags === 'string' ? values.tags : '');
  return { name, region, tags, account };
}

/** `k=v,k2=v2` → tags. A value may contain `=`; a key may not be empty. */
export function parseTags(text: string): Tags {
  const tags: Record<string, string> = {};
  for (const pair of text.split(',')) {
    if (pair.trim() === '') continue;
    const at = pair.indexOf('=');
    const key = (at === -1 ? pair : pair.slice(0, at)).trim();
    if (at === -1 || key === '') {
      throw new UsageError(`--tags: "${pair}" is not key=value`, 'e.g. --tags dr-tier=gold,team=data');
    }
    tags[key] = pair.slice(at + 1).trim();
  }
  return tags;
}

/** Offline: the decision alone; whether a configuration already exists is not known. */
function planOffline(
  policy: Policy,
  subject: { name: string; account?: string; region: string; tags: Tags },
): PlanEntry {
  // An unknown account matches no rule restricted to accounts, which is what the worker would
  // do with a namespace outside them; the note below says so.
  const decision = resolvePolicy(policy, { ...subject, account: subject.account ?? '' });
  const base = {
    namespace: subject.name,
    account: subject.account,
    region: subject.region,
    tags: subject.tags,
  };
  switch (decision.kind) {
    case 'unmatched':
      return {
        ...base,
        decision: 'unmatched',
        action: 'nothing',
        detail: 'no rule matches: left alone',
      };
    case 'skip':
      return {
        ...base,
        decision: 'skip',
        rule: decision.rule.name,
        action: 'nothing',
        detail: `rule "${decision.rule.name}" says skip`,
      };
    case 'invalid':
      return {
        ...base,
        decision: 'invalid',
        rule: decision.rule.name,
        target: decision.rule.copyTo,
        action: 'dead-letter',
        detail: decision.message,
      };
    case 'copy':
      return {
        ...base,
        decision: 'copy',
        rule: decision.rule.name,
        target: decision.desired,
        action: 'create',
        detail: `${describeCopySettings(decision.desired)} (unless it already has one; onExisting: ${decision.rule.onExisting})`,
        create: createCopyConfigurationInput(subject.name, decision.desired),
      };
  }
}

/** Live: the verdict `status` would give, and what the worker would do about it. */
function planLive(
  policy: Policy,
  live: InventoriedNamespace,
  existing: readonly CopyConfiguration[],
): PlanEntry {
  const result = evaluateCompliance(live, existing, policy);
  const tags = live.tags ?? {};
  const decision = resolvePolicy(policy, { ...live, tags });
  const base = {
    namespace: live.name,
    account: live.account,
    region: live.region,
    tags,
    existing,
    detail: result.detail,
    rule: result.rule,
    target: result.desired,
  };
  if (decision.kind !== 'copy' || result.verdict === 'skipped') {
    return {
      ...base,
      decision: decision.kind,
      action: decision.kind === 'invalid' ? 'dead-letter' : 'nothing',
    };
  }
  const action = planCopyConfiguration(existing, {
    desired: decision.desired,
    onExisting: decision.rule.onExisting,
  });
  switch (action.kind) {
    case 'create':
      return {
        ...base,
        decision: 'copy',
        action: 'create',
        create: createCopyConfigurationInput(live.name, action.desired),
      };
    case 'update-retention':
      return {
        ...base,
        decision: 'copy',
        action: `update retention to ${describeRetention(action.desired.retentionDays)}`,
      };
    case 'drift':
      return { ...base, decision: 'copy', action: 'report drift' };
    case 'none':
    case 'keep':
      return { ...base, decision: 'copy', action: 'nothing' };
  }
}

/**
 * Every namespace of the region, planned as its tags and copy configurations stand. A namespace
 * whose details could not be read is listed with the error rather than failing the whole plan.
 */
async function planRegion(
  policy: Policy,
  client: RedshiftServerlessClient,
  region: string,
  printer: Printer,
): Promise<PlanEntry[]> {
  const entries: PlanEntry[] = [];
  // Every namespace's tags, even where the decision ignores them: the plan shows what it decided on.
  const inventory = { client, region, concurrency: INVENTORY_CONCURRENCY, needsTags: () => true };
  for await (const event of inventoryRegion(inventory)) {
    switch (event.kind) {
      case 'listed':
        printer.status(`listed ${event.discovered} namespace(s)${event.complete ? '' : '…'}`);
        break;
      case 'namespace':
        entries.push(planLive(policy, event.namespace, event.configurations));
        break;
      case 'gone':
        printer.note(`${event.namespace.name}: deleted while planning`);
        break;
      case 'failed':
        entries.push({
          namespace: event.namespace.name,
          region,
          tags: {},
          decision: 'unknown',
          action: 'unknown',
          detail: `could not read its tags or copy configurations: ${event.error.name}: ${event.error.message}`,
        });
        break;
    }
  }
  return entries.sort((a, b) => a.namespace.localeCompare(b.namespace));
}

function printPlan(
  entries: readonly PlanEntry[],
  printer: Printer,
  output: OutputFormat,
  live: boolean,
): void {
  if (output === 'json') {
    printer.json(live ? entries : entries[0]);
    return;
  }
  if (live) {
    if (entries.length === 0) {
      printer.note('no namespaces in this region');
      return;
    }
    printer.table(
      entries.map((entry) => ({ ...entry, rule: entry.rule ?? '-' })),
      ['namespace', 'account', 'rule', 'decision', 'action', 'detail'],
    );
    return;
  }
  const [entry] = entries;
  if (entry === undefined) return;
  printer.table(
    [{ ...entry, account: entry.account ?? '(not given)', rule: entry.rule ?? '-' }],
    ['namespace', 'region', 'account', 'rule', 'decision', 'action', 'detail'],
  );
  if (entry.create !== undefined) {
    printer.line();
    printer.line(`CreateSnapshotCopyConfiguration ${JSON.stringify(entry.create)}`);
  }
  if (entry.account === undefined) {
    printer.note('no --account: rules restricted to accounts were not considered');
  }
}
