import type { Benchmark } from './benchmark.js';
import { bundleSize } from './bundleSize.js';
import { coldStart } from './coldStart.js';
import { cost } from './cost.js';
import { organizationSweep } from './organizationSweep.js';
import { restoration } from './restoration.js';
import { scale } from './scale.js';
import { sweepWorkerMemory } from './sweepWorkerMemory.js';
import { timeToProtection } from './timeToProtection.js';

/** Every benchmark `npm run bench` knows, in running order: the cheap ones first, so a broken setup fails fast. */
export const BENCHMARKS: readonly Benchmark[] = [
  bundleSize,
  coldStart,
  timeToProtection,
  cost,
  scale,
  organizationSweep,
  sweepWorkerMemory,
  restoration,
];
