/**
 * The local cloud's public face: what its clients (the CLI's `local serve`, the demo) start and
 * talk to. Everything else under src/local is its inside, free to change; the local cloud itself
 * imports nothing from outside src/local.
 */

export { LocalCloudError } from './errors.js';
export {
  createLocalCloud,
  type EdgeLogEntry,
  type LocalCloud,
  type LocalCloudOptions,
} from './localCloud.js';
export { LOCAL_CREDENTIALS } from './localCredentials.js';
export type { CapturedLine } from './runner/outputCapture.js';
export {
  createLocalClients,
  type LocalAutomation,
  type LocalAutomationOptions,
  type LocalClientOptions,
  type LocalClients,
  type LocalMemberAccount,
  type LocalMemberDeployment,
  startLocalAutomation,
} from './runner/startLocalAutomation.js';
export { LOCAL_ACCOUNT_ID } from './services/contracts.js';
export { type Clock, ManualClock, systemClock } from './store/clock.js';
