import { CHAOS_USAGE, type ChaosRequest, ChaosUsageError, parseChaosArguments } from './chaosArguments.js';
import { FULL_LAYOUT } from './chaosLayout.js';
import { formatChaosReport } from './formatChaosReport.js';
import { runChaos } from './runChaos.js';

/**
 * `npm run chaos -- --namespaces 5000 --seed 42`: the chaos run at full size, across ten managed
 * accounts × three regions (chaos/chaosLayout.ts FULL_LAYOUT). Prints progress, then the counts;
 * exits 1 on any violation, 2 on a usage error (`--help`: the options).
 */
async function main(argv: readonly string[]): Promise<number> {
  let request: ChaosRequest;
  try {
    request = parseChaosArguments(argv);
  } catch (error) {
    if (!(error instanceof ChaosUsageError)) throw error;
    process.stderr.write(`chaos: ${error.message}\n\n${CHAOS_USAGE}\n`);
    return 2;
  }
  if (request.kind === 'help') {
    process.stdout.write(`${CHAOS_USAGE}\n`);
    return 0;
  }
  const report = await runChaos({
    serviceDir: process.cwd(),
    layout: FULL_LAYOUT,
    namespaces: request.namespaces,
    seed: request.seed,
    sendWindowMs: request.sendSeconds * 1000,
    settleTimeoutMs: request.settleSeconds * 1000,
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
