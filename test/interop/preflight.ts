/**
 * The first step of `npm run test:interop`: checks every tool the interop suites drive and, for
 * each one missing, prints its name and the command that installs it, then exits 1. Not a test
 * file: `tsx test/interop/preflight.ts`.
 */
import { checkTool, INTEROP_TOOLS, preflightReport } from './interopTools.js';

const statuses = await Promise.all(Object.values(INTEROP_TOOLS).map((tool) => checkTool(tool)));
const { ok, lines } = preflightReport(statuses);
(ok ? process.stdout : process.stderr).write(`${lines.join('\n')}\n`);
process.exitCode = ok ? 0 : 1;
