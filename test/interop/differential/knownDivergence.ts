import type { StepOutcome, Transcript } from './runScenario.js';

/**
 * A place where moto is known not to answer as real AWS does, so moto is not the reference
 * there. `towardAws` rewrites moto's recorded outcome into what AWS answers; the local cloud
 * must equal the rewritten outcome, and everything the rewrite leaves alone is still compared.
 */
export interface KnownDivergence {
  /** The scenario step whose outcome differs. */
  readonly step: string;
  /** What moto does, what AWS does instead, and where that is written down. */
  readonly reason: string;
  readonly towardAws: (motoOutcome: StepOutcome) => StepOutcome;
}

/** moto's outcome for a step, with every known divergence of that step rewritten toward AWS. */
export function expectedFromMoto(
  step: string,
  moto: Transcript,
  divergences: readonly KnownDivergence[],
): StepOutcome | undefined {
  const outcome = moto.get(step);
  if (outcome === undefined) return undefined;
  return divergences
    .filter((divergence) => divergence.step === step)
    .reduce((current, divergence) => divergence.towardAws(current), outcome);
}

/** Applies `rewrite` to every value under every key of a successful outcome; errors pass through. */
export function rewriteOk(
  outcome: StepOutcome,
  rewrite: (key: string | undefined, value: unknown) => unknown,
): StepOutcome {
  if (!('ok' in outcome)) return outcome;
  const walk = (value: unknown, key: string | undefined): unknown => {
    const rewritten = rewrite(key, value);
    if (rewritten !== value) return rewritten;
    if (Array.isArray(value)) return value.map((item) => walk(item, undefined));
    if (typeof value === 'object' && value !== null) {
      return Object.fromEntries(Object.entries(value).map(([name, item]) => [name, walk(item, name)]));
    }
    return value;
  };
  return { ok: walk(outcome.ok, undefined) };
}

/** Replaces the status of an error outcome; successful outcomes pass through. */
export const withErrorStatus =
  (status: number) =>
  (outcome: StepOutcome): StepOutcome =>
    'error' in outcome ? { error: { ...outcome.error, status } } : outcome;
