import type { RedshiftServerlessClient } from '@aws-sdk/client-redshift-serverless';
import { RedshiftServerlessAdapter } from '../aws/redshiftServerlessAdapter.js';
import type { BackoffOptions } from '../domain/backoff.js';
import { DeadLetterReason } from '../domain/deadLetterReason.js';
import { decideFailure } from '../domain/decideFailure.js';
import {
  type CopyRequest,
  isConfigurationChange,
  isNamedNamespace,
  type NamespaceRef,
  type Tags,
} from '../domain/namespaceRef.js';
import { asRestoration, type OutcomeContext, type RecordOutcome } from '../domain/outcome.js';
import type { PolicyValidationError } from '../domain/policy/errors.js';
import { decisionDependsOnTags, resolvePolicy } from '../domain/policy/resolvePolicy.js';
import {
  DeletedConfigurationMode,
  ExistingConfigurationMode,
  type Policy,
  type PolicyDecision,
} from '../domain/policy/types.js';
import { type AccountRegion, decideTarget } from '../domain/scope/decideTarget.js';
import { EventParseError } from '../events/errors.js';
import { parseCopyRequest } from '../events/parseCopyRequest.js';
import type { IdempotentEnsure } from './idempotentEnsure.js';
import { reportConfigurationChange } from './reportConfigurationChange.js';

/** The policy as loaded at cold start: usable, or the reason every request is dead-lettered. */
export type PolicyState =
  | { readonly kind: 'valid'; readonly policy: Policy }
  | { readonly kind: 'invalid'; readonly error: PolicyValidationError | Error };

export interface HandleCopyRequestDeps {
  readonly policy: PolicyState;
  /** The stack's own account and home region: what the policy's scope is judged against. */
  readonly home: AccountRegion;
  /**
   * The client for a namespace's account and region: the function's own credentials at home,
   * `roleArn` (the member role) elsewhere; throws AccountNotManagedError when the role refuses us.
   */
  readonly redshiftServerless: (
    account: string,
    region: string,
    roleArn?: string,
  ) => Promise<RedshiftServerlessClient>;
  readonly ensure: IdempotentEnsure;
  readonly backoff: BackoffOptions;
  /** Jitter source for backoff; injectable so tests can pin it. */
  readonly random?: () => number;
}

export interface CopyRequestRecord {
  /** The SQS body: the whole EventBridge event. */
  readonly body: string;
  /** SQS ApproximateReceiveCount: 1 on the first delivery. */
  readonly receiveCount: number;
}

/** How a namespace was found: its reference and the tags the policy should see. */
interface ResolvedNamespace {
  readonly ref: NamespaceRef;
  readonly tags: Tags;
}

/**
 * One SQS record, start to end: parse → scope → namespace reference → live tags → policy →
 * ensure. Never throws: every failure becomes a `retry` or `dead-lettered` outcome, which the
 * handler carries out (visibility change, DLQ send). Only the ensure step runs inside the
 * idempotent unit; a skip or an unmatched namespace needs no protection against duplicates.
 *
 * The scope is decided before any Redshift Serverless call: a record naming an account or region
 * the stack does not manage is dead-lettered (AccountNotManaged, RegionNotManaged) and never
 * touches a namespace, not even one of the same name in the stack's own account.
 */
export async function handleCopyRequest(
  record: CopyRequestRecord,
  deps: HandleCopyRequestDeps,
): Promise<RecordOutcome> {
  let context: OutcomeContext = {};
  try {
    const parsed = parseCopyRequest(record.body);
    if (parsed.kind === 'ignored') {
      return { kind: 'ignored', eventId: parsed.eventId, reason: parsed.reason };
    }
    const { request } = parsed;
    context = contextOf(request);

    if (deps.policy.kind === 'invalid') {
      const { error } = deps.policy;
      // The message lists every issue (PolicyValidationError formats them all).
      return deadLetter(context, DeadLetterReason.PolicyInvalid, error.name, error.message);
    }

    const target = decideTarget(deps.policy.policy.scope, deps.home, request.namespace);
    if (target.kind === 'refused') return deadLetter(context, target.reason, target.reason, target.message);
    const client = await deps.redshiftServerless(
      request.namespace.account,
      request.namespace.region,
      target.kind === 'member' ? target.roleArn : undefined,
    );
    const adapter = new RedshiftServerlessAdapter(client, request.namespace);
    const resolved = await resolveNamespace(adapter, request, deps.policy.policy);
    if (resolved === undefined) {
      // Named by ARN and absent from ListNamespaces: deleted since, or never ours to see.
      return deadLetter(
        context,
        DeadLetterReason.NamespaceNotFound,
        'NamespaceNotFound',
        `No namespace in ${request.namespace.account}/${request.namespace.region} has ARN ${context.namespace}`,
      );
    }
    const { ref, tags } = resolved;
    context = { ...context, namespace: ref.name };

    const decision = resolvePolicy(deps.policy.policy, {
      name: ref.name,
      account: ref.account,
      region: ref.region,
      tags,
    });
    switch (decision.kind) {
      case 'unmatched':
        return { ...context, kind: 'unmatched' };
      case 'skip':
        return { ...context, rule: decision.rule.name, kind: 'skipped' };
      case 'invalid':
        return deadLetter(
          { ...context, rule: decision.rule.name },
          DeadLetterReason.PolicyInvalid,
          'PolicyRuleNotApplicable',
          decision.message,
        );
      case 'copy':
        break;
    }
    context = { ...context, rule: decision.rule.name };
    return { ...context, ...(await applyCopyDecision(request, ref, decision, adapter, deps)) };
  } catch (error) {
    return failureOutcome(error, context, record.receiveCount, deps);
  }
}

/**
 * Carries out a copy decision. A deletion or change of the configuration (CloudTrail) follows the
 * rule's onDeleted: `report` looks and writes nothing; `restore` puts the policy's configuration
 * back (see restoringMode), and a configuration it creates or sets back counts as restored. The
 * worker's own UpdateSnapshotCopyConfiguration comes back this way and finds the configuration as
 * the policy wants it: already-configured, no second write, no loop.
 */
async function applyCopyDecision(
  request: CopyRequest,
  ref: NamespaceRef,
  decision: Extract<PolicyDecision, { kind: 'copy' }>,
  adapter: RedshiftServerlessAdapter,
  deps: HandleCopyRequestDeps,
) {
  const answersChange = isConfigurationChange(request.origin);
  const { desired, rule } = decision;
  if (answersChange && rule.onDeleted === DeletedConfigurationMode.Report) {
    return reportConfigurationChange(adapter, {
      namespaceName: ref.name,
      desired,
      onExisting: rule.onExisting,
    });
  }
  const key = {
    eventId: request.eventId,
    namespace: { account: ref.account, region: ref.region, name: ref.name },
    desired,
  };
  const onExisting = answersChange ? restoringMode(rule.onExisting) : rule.onExisting;
  const result = await deps.ensure(key, { port: adapter, onExisting });
  return answersChange ? asRestoration(result) : result;
}

/**
 * What `onDeleted: restore` does with a retention someone just changed. onExisting speaks of
 * configurations the autopilot found (made before it, by other tools); a change event is someone
 * altering one the policy governs, and restore means putting it back: the retention is set back
 * (the only setting UpdateSnapshotCopyConfiguration can change), unless the rule says
 * `onExisting: keep`, which accepts any retention.
 */
function restoringMode(mode: ExistingConfigurationMode): ExistingConfigurationMode {
  return mode === ExistingConfigurationMode.Keep ? mode : ExistingConfigurationMode.Update;
}

function contextOf(request: CopyRequest): OutcomeContext {
  const ns = request.namespace;
  return {
    eventId: request.eventId,
    namespace: isNamedNamespace(ns) ? ns.name : ns.arn,
    account: ns.account,
    region: ns.region,
    requestedAt: request.requestedAt,
  };
}

/**
 * The namespace's name and the tags the policy should judge it by. Live tags win: the event's
 * tags are as of creation and may have changed since. They stand in only while the namespace
 * is not visible yet (a CloudTrail event can outrun the API's consistency). Tags are not read
 * at all when no rule that could apply looks at them: one call less per namespace.
 */
async function resolveNamespace(
  adapter: RedshiftServerlessAdapter,
  request: CopyRequest,
  policy: Policy,
): Promise<ResolvedNamespace | undefined> {
  const eventTags = request.eventTags ?? {};
  let ref: NamespaceRef | undefined;
  if (isNamedNamespace(request.namespace)) ref = request.namespace;
  else {
    ref = await adapter.findNamespaceByArn(request.namespace.arn);
    if (ref === undefined) return undefined;
  }
  if (!decisionDependsOnTags(policy, ref)) return { ref, tags: {} };
  const arn = ref.arn ?? (await adapter.getNamespace(ref.name))?.arn;
  const liveTags = arn === undefined ? undefined : await adapter.listTags(arn);
  return { ref: arn === undefined ? ref : { ...ref, arn }, tags: liveTags ?? eventTags };
}

function deadLetter(
  context: OutcomeContext,
  reason: string,
  errorName: string,
  message: string,
): RecordOutcome {
  return { ...context, kind: 'dead-lettered', reason, errorName, message };
}

/**
 * What classifyServiceError's table says of the error: dead-lettered now with its reason, or
 * retried; the last retry is left to SQS redrive (maxReceiveCount), so no maxAttempts here.
 */
function failureOutcome(
  error: unknown,
  context: OutcomeContext,
  receiveCount: number,
  deps: HandleCopyRequestDeps,
): RecordOutcome {
  const failure = decideFailure(error, {
    attempts: receiveCount,
    backoff: deps.backoff,
    random: deps.random,
  });
  if (failure.kind === 'retry') return { ...context, ...failure };
  // Not a decision: a message that failed to parse may still have had a readable event id.
  const eventId = error instanceof EventParseError ? (error.eventId ?? context.eventId) : context.eventId;
  return deadLetter({ ...context, eventId }, failure.reason, failure.errorName, failure.message);
}
