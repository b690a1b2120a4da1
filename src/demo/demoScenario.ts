/**
 * The namespaces `copy-autopilot local demo` creates, one per path through the automation, and
 * what must be true of each at the end. Written for the repository's copy-policy.yml; a
 * different `--policy` may legitimately disagree, and the report then says where.
 */
export const ExpectedOutcome = {
  Protected: 'protected',
  DeadLettered: 'dead-lettered',
  Skipped: 'skipped',
} as const;
export type ExpectedOutcome = (typeof ExpectedOutcome)[keyof typeof ExpectedOutcome];

/**
 * A fault the demo injects into the local cloud before it creates a case's namespace. Data, so
 * the demo can say what it injected and where, and a new kind is one entry here plus one branch
 * in demoFaults.ts.
 */
export type DemoFault =
  /** The namespace stays MODIFYING this long after creation: Redshift Serverless answers ConflictException meanwhile. */
  | { readonly kind: 'busy'; readonly seconds: number }
  /** A fault rule: the operation, called for this namespace, answers this error. */
  | {
      readonly kind: 'error';
      readonly operation: string;
      readonly code: string;
      readonly message: string;
      readonly statusCode: number;
    };

export interface DemoCase {
  readonly namespace: string;
  readonly tags?: Readonly<Record<string, string>>;
  readonly story: string;
  readonly expected: ExpectedOutcome;
  /** Destination and retention the policy should choose, when protected. */
  readonly destination?: { region: string; retentionDays: number };
  /** What the local cloud is made to do wrong for this namespace. */
  readonly fault?: DemoFault;
  /** After protection, the same manual request is delivered this many times more. */
  readonly duplicateRequests?: number;
  /** Retries the worker must have made before protection (lower bound). */
  readonly minAttempts?: number;
}

export const DEMO_CASES: readonly DemoCase[] = [
  {
    namespace: 'prod-sales',
    tags: { 'dr-tier': 'gold', team: 'sales' },
    story: 'production namespace, available at once',
    expected: ExpectedOutcome.Protected,
    destination: { region: 'us-west-2', retentionDays: 30 },
  },
  {
    namespace: 'analytics-busy',
    // 3 s: the worker's first attempt (~1 s, the queue's batching window) meets the busy
    // namespace, and its first backoff (2.5–5 s, equal jitter from 5 s) always ends after it.
    story: 'busy (MODIFYING) for 3 s after creation: ConflictException, retried with backoff',
    expected: ExpectedOutcome.Protected,
    destination: { region: 'us-west-2', retentionDays: 7 },
    fault: { kind: 'busy', seconds: 3 },
    minAttempts: 2,
  },
  {
    namespace: 'finance-kms',
    story: 'the service rejects the destination KMS key: ValidationException, dead-lettered at once',
    expected: ExpectedOutcome.DeadLettered,
    fault: {
      kind: 'error',
      operation: 'CreateSnapshotCopyConfiguration',
      code: 'ValidationException',
      message: 'The KMS key is not in the destination region us-west-2.',
      statusCode: 400,
    },
  },
  {
    namespace: 'sandbox-alice',
    story: 'a sandbox the policy skips',
    expected: ExpectedOutcome.Skipped,
  },
  {
    namespace: 'marketing',
    story: 'protected, then the same manual request is delivered twice more (at-least-once)',
    expected: ExpectedOutcome.Protected,
    destination: { region: 'us-west-2', retentionDays: 7 },
    duplicateRequests: 2,
  },
];

/** What the demo observed of one case, gathered from the local cloud and the worker's logs. */
export interface CaseObservation {
  readonly namespace: string;
  readonly configurations: readonly { region: string; retentionDays: number }[];
  readonly createCount: number;
  readonly deadLetterReasons: readonly string[];
  readonly outcomes: readonly string[];
  readonly attempts: number;
  /**
   * The worker's TimeToProtection for this namespace, in seconds: from the event's time to the
   * configuration's creation, as the metric counts it (read from the worker's outcome log line).
   */
  readonly timeToProtectionSeconds?: number;
}

export interface CaseVerdict {
  readonly namespace: string;
  readonly ok: boolean;
  readonly problems: readonly string[];
}

/** Compares what happened with what should have; pure, so the rules are testable alone. */
export function verifyCase(demoCase: DemoCase, observed: CaseObservation): CaseVerdict {
  const problems: string[] = [];
  const { configurations, createCount, deadLetterReasons } = observed;
  switch (demoCase.expected) {
    case ExpectedOutcome.Protected: {
      if (configurations.length !== 1)
        problems.push(`${configurations.length} copy configurations, expected 1`);
      const [configuration] = configurations;
      const want = demoCase.destination;
      if (
        configuration &&
        want &&
        (configuration.region !== want.region || configuration.retentionDays !== want.retentionDays)
      ) {
        problems.push(
          `copies to ${configuration.region} for ${configuration.retentionDays} days, expected ${want.region} for ${want.retentionDays}`,
        );
      }
      if (createCount !== 1) problems.push(`created ${createCount} times, expected exactly once`);
      if (deadLetterReasons.length > 0) problems.push(`dead-lettered: ${deadLetterReasons.join('; ')}`);
      if (demoCase.minAttempts && observed.attempts < demoCase.minAttempts) {
        problems.push(`${observed.attempts} attempts, expected at least ${demoCase.minAttempts}`);
      }
      break;
    }
    case ExpectedOutcome.DeadLettered:
      if (configurations.length > 0) problems.push('has a copy configuration, expected none');
      if (deadLetterReasons.length !== 1)
        problems.push(`${deadLetterReasons.length} DLQ messages, expected 1`);
      break;
    case ExpectedOutcome.Skipped:
      if (configurations.length > 0 || createCount > 0) problems.push('was given a copy configuration');
      if (!observed.outcomes.includes('skipped')) problems.push('no "skipped" outcome was logged');
      break;
  }
  return { namespace: demoCase.namespace, ok: problems.length === 0, problems };
}
