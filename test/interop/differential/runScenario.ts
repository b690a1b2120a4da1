import { TranscriptNormalizer } from './normalizeTranscriptValue.js';

/** What an AWS error looks like to a caller that branches on it. Messages are left out: wording differs. */
export interface ErrorShape {
  readonly name: string;
  /** The query-compatible code (SQS's `AWS.SimpleQueueService.NonExistentQueue`), when the SDK has one. */
  readonly code?: string;
  /** `Sender` or `Receiver`, from the query-compatible error header. */
  readonly type?: string;
  readonly fault?: string;
  readonly status?: number;
}

export type StepOutcome = { readonly ok: unknown } | { readonly error: ErrorShape };

/** One named step of a scenario; `run` returns what the transcript records for it. */
export interface ScenarioStep<Context> {
  readonly name: string;
  readonly run: (context: Context, normalizer: TranscriptNormalizer) => Promise<unknown>;
}

/** The normalized outcome of every step, by step name, in the order they ran. */
export type Transcript = ReadonlyMap<string, StepOutcome>;

/** The parts of an SDK v3 service exception that a caller can branch on. */
export function errorShape(error: unknown): ErrorShape {
  if (!(error instanceof Error)) return { name: `non-error: ${String(error)}` };
  const details = error as Error & {
    Code?: string;
    Type?: string;
    $fault?: string;
    $metadata?: { httpStatusCode?: number };
  };
  return {
    name: details.name,
    ...(details.Code === undefined || details.Code === details.name ? {} : { code: details.Code }),
    ...(details.Type === undefined ? {} : { type: details.Type }),
    ...(details.$fault === undefined ? {} : { fault: details.$fault }),
    ...(details.$metadata?.httpStatusCode === undefined ? {} : { status: details.$metadata.httpStatusCode }),
  };
}

/**
 * Runs the steps in order against one side, recording each outcome normalized. A failing step
 * does not stop the scenario: its error is the recorded outcome, and later steps that needed
 * its result record their own failure, which the comparison then shows.
 */
export async function runScenario<Context>(
  steps: readonly ScenarioStep<Context>[],
  context: Context,
): Promise<Transcript> {
  const normalizer = new TranscriptNormalizer();
  const transcript = new Map<string, StepOutcome>();
  for (const step of steps) {
    if (transcript.has(step.name)) throw new Error(`duplicate step name: ${step.name}`);
    try {
      const recorded = await step.run(context, normalizer);
      transcript.set(step.name, { ok: normalizer.normalize(recorded) });
    } catch (error) {
      transcript.set(step.name, { error: errorShape(error) });
    }
  }
  return transcript;
}

/**
 * Runs several scenarios in order against one side, each with a normalizer of its own (ids are
 * numbered per scenario, so a divergence in one cannot shift the placeholders of the next), and
 * returns their transcripts as one.
 */
export async function runScenarios<Context>(
  scenarios: readonly (readonly ScenarioStep<Context>[])[],
  context: Context,
): Promise<Transcript> {
  const transcript = new Map<string, StepOutcome>();
  for (const scenario of scenarios) {
    for (const [step, outcome] of await runScenario(scenario, context)) {
      if (transcript.has(step)) throw new Error(`duplicate step name: ${step}`);
      transcript.set(step, outcome);
    }
  }
  return transcript;
}
