/**
 * Runs the SQS-only test server until interrupted and prints its endpoint on the first line of
 * stdout (used by awsCliSmoke.sh). Not a test file: `node --import tsx test/interop/realClients/serveSqsOnly.ts`.
 */
import { startSqsOnly } from '../../local/sqs/startSqsOnly.js';

const sqs = await startSqsOnly();
process.stdout.write(`${sqs.endpoint}\n`);
const stop = async (): Promise<void> => {
  await sqs.close();
  process.exit(0);
};
process.on('SIGTERM', () => void stop());
process.on('SIGINT', () => void stop());
