import { parseArgs } from 'node:util';
import { FULL_LAYOUT } from './chaosLayout.js';
import { formatChaosReport } from './formatChaosReport.js';
import { runChaos } from './runChaos.js';

/**
 * `npm run chaos -- --namespaces 5000 --seed 42`: the chaos run at full size, across ten managed
 * accounts × three regions (chaos/chaosLayout.ts FULL_LAYOUT). Prints progress, then the counts;
 * exits 1 on any violation, 2 on a usage error.
 */
async function main(argv: readonly string[]): Promise<number> {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      namespaces: { type: 'string', default: '5000' },
      seed: { type: 'string', default: '42' },
      'send-seconds': { type: 'string', default: '60' },
      'settle-seconds': { type: 'string', default: '180' },
    },
  });
  const numbers = {
    namespaces: Number(values.namespaces),
    seed: Number(values.seed),
    sendSeconds: Number(values['send-seconds']),
    settleSeconds: Number(values['settle-seconds']),
  };
  const invalid = Object.entries(numbers).find(([, value]) => !Number.isInteger(value) || value < 0);
  if (invalid !== undefined || numbers.namespaces === 0) {
    process.stderr.write(`chaos: --${invalid?.[0] ?? 'namespaces'} must be a positive integer\n`);
    return 2;
  }
  const report = await runChaos({
    serviceDir: process.cwd(),
    layout: FULL_LAYOUT,
    namespaces: numbers.namespaces,
    seed: numbers.seed,
    sendWindowMs: numbers.sendSeconds * 1000,
    settleTimeoutMs: numbers.settleSeconds * 1000,
    visibilityTimeoutSeconds: 5,
    functionTimeoutSeconds: 10,
    backoff: { baseSeconds: 1, maxSeconds: 4 },
    minCrashes: 5,
    minHandDeletions: 5,
    progress: (line) => process.stdout.write(`${line}\n`),
  });
  process.stdout.write(`\n${formatChaosReport(report).join('\n')}\n`);
  return report.verdict.violations.length === 0 && report.settled ? 0 : 1;
}

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
process.exitCode = await main(process.argv.slice(2));
