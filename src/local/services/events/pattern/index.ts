export { compilePattern } from './compilePattern.js';
export { InvalidEventPatternError } from './InvalidEventPatternError.js';
export { matchesPattern } from './matchesPattern.js';
export type { CompiledPattern, LeafValue, ValueMatcher } from './types.js';
