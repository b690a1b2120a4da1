/**
 * The seed a fuzz suite runs with: its own fixed one, so `npm test` is repeatable, unless
 * FUZZ_SEED names another (`FUZZ_SEED=7 npx vitest run test/fuzz`) to explore further. A failure
 * prints the seed and path fast-check needs to replay it.
 */
export function fuzzSeed(fixed: number): number {
  const chosen = process.env.FUZZ_SEED;
  if (chosen === undefined || chosen === '') return fixed;
  const seed = Number(chosen);
  if (!Number.isSafeInteger(seed)) throw new Error(`FUZZ_SEED must be an integer, got ${chosen}`);
  return seed;
}
