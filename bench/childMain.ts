import { readFile, writeFile } from 'node:fs/promises';
import { type AutomationRunSpec, runAutomation } from './automationRun.js';
import { type OrganizationSweepSpec, runOrganizationSweep } from './organizationSweepRun.js';
import { type RestorationSpec, runRestoration } from './restorationRun.js';
import { runSweep, type SweepRunSpec } from './sweepRun.js';

/** Tasks a bench child process can run: `node --import tsx bench/childMain.ts <task> <input> <output>`. */
const TASKS: Readonly<Record<string, (input: never) => Promise<unknown>>> = {
  automation: (input: AutomationRunSpec) => runAutomation(input),
  organizationSweep: (input: OrganizationSweepSpec) => runOrganizationSweep(input),
  restoration: (input: RestorationSpec) => runRestoration(input),
  sweep: (input: SweepRunSpec) => runSweep(input),
};

const [task, inputFile, outputFile] = process.argv.slice(2);
const run = task === undefined ? undefined : TASKS[task];
if (run === undefined || inputFile === undefined || outputFile === undefined) {
  process.stderr.write(`usage: childMain.ts <${Object.keys(TASKS).join('|')}> <input.json> <output.json>\n`);
  process.exit(2);
}
const input = JSON.parse(await readFile(inputFile, 'utf8')) as never;
const result = await run(input);
await writeFile(outputFile, JSON.stringify(result));
// Keep-alive sockets and timers of the task must not keep the child around.
process.exit(0);
