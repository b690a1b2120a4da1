/**
 * Vendors the service models the local services validate against: reads botocore's
 * `service-2.json(.gz)` for Redshift Serverless, SQS, EventBridge, STS, AWS Organizations and
 * AWS Account Management, keeps the operations each
 * local service implements (trimServiceModel), and writes them beside the services with the
 * botocore version and the source file's SHA-256.
 *
 *   npx tsx src/local/serviceModel/vendorServiceModels.ts \
 *     "$(python3 -c 'import botocore,os;print(os.path.dirname(botocore.__file__))')"
 *   npx biome format --write src/local/services/*\/model
 *
 * Run it when botocore (or the set of implemented operations) changes; npm test never does:
 * the vendored files are the data, no Python is needed to test.
 *
 * Trimmed rather than whole: the full models are 30–220 KB, most of it documentation, and
 * describe 11–65 operations of which the local services implement 1–21. Keeping only what is
 * implemented makes "every operation in the file is answered and conforms" a check the
 * conformance test can make both ways, and keeps a botocore update a reviewable diff. The source
 * file's version and SHA-256 are recorded in `vendoredFrom`, so the full model can be fetched back.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { ACCOUNT_OPERATIONS } from '../services/account/accountOperations.js';
import { EVENT_BRIDGE_OPERATIONS } from '../services/events/eventBridgeOperations.js';
import { ORGANIZATIONS_OPERATIONS } from '../services/organizations/organizationsOperations.js';
import { OPERATIONS as REDSHIFT_SERVERLESS_OPERATIONS } from '../services/redshiftServerless/operations.js';
import { SQS_OPERATIONS } from '../services/sqs/sqsOperations.js';
import { STS_OPERATIONS } from '../services/sts/stsOperations.js';
import { trimServiceModel } from './trimServiceModel.js';
import type { ServiceModel } from './types.js';

interface VendoredService {
  /** botocore's directory name and API version. */
  readonly service: string;
  readonly apiVersion: string;
  /** Where the file goes, relative to src/local/services. */
  readonly target: string;
  readonly operations: readonly string[];
}

const SERVICES: readonly VendoredService[] = [
  {
    service: 'redshift-serverless',
    apiVersion: '2021-04-21',
    target: 'redshiftServerless/model/redshift-serverless-2021-04-21.json',
    operations: Object.keys(REDSHIFT_SERVERLESS_OPERATIONS),
  },
  {
    service: 'sqs',
    apiVersion: '2012-11-05',
    target: 'sqs/model/sqs-2012-11-05.json',
    operations: SQS_OPERATIONS,
  },
  {
    service: 'events',
    apiVersion: '2015-10-07',
    target: 'events/model/events-2015-10-07.json',
    operations: EVENT_BRIDGE_OPERATIONS,
  },
  {
    service: 'sts',
    apiVersion: '2011-06-15',
    target: 'sts/model/sts-2011-06-15.json',
    operations: STS_OPERATIONS,
  },
  {
    service: 'organizations',
    apiVersion: '2016-11-28',
    target: 'organizations/model/organizations-2016-11-28.json',
    operations: ORGANIZATIONS_OPERATIONS,
  },
  {
    service: 'account',
    apiVersion: '2021-02-01',
    target: 'account/model/account-2021-02-01.json',
    operations: ACCOUNT_OPERATIONS,
  },
];

const SERVICES_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', 'services');

function botocoreVersion(botocoreDir: string): string {
  const init = readFileSync(join(botocoreDir, '__init__.py'), 'utf8');
  const version = /^__version__ = ['"]([^'"]+)['"]/m.exec(init)?.[1];
  if (version === undefined) throw new Error(`No __version__ in ${botocoreDir}/__init__.py`);
  return version;
}

function readModel(path: string): { bytes: Buffer; model: ServiceModel } {
  const compressed = existsSync(`${path}.gz`);
  const raw = readFileSync(compressed ? `${path}.gz` : path);
  const bytes = compressed ? gunzipSync(raw) : raw;
  return { bytes, model: JSON.parse(bytes.toString('utf8')) as ServiceModel };
}

function vendor(botocoreDir: string, version: string, service: VendoredService): string {
  const file = `data/${service.service}/${service.apiVersion}/service-2.json`;
  const { bytes, model } = readModel(join(botocoreDir, file));
  const trimmed = trimServiceModel(model, service.operations);
  const vendored: ServiceModel = {
    ...trimmed,
    vendoredFrom: {
      package: 'botocore',
      version,
      file,
      sha256: createHash('sha256').update(bytes).digest('hex'),
      license: 'Apache-2.0 (see NOTICE beside this file)',
      operations: Object.keys(trimmed.operations),
    },
  };
  const target = join(SERVICES_DIR, service.target);
  writeFileSync(target, `${JSON.stringify(vendored, null, 2)}\n`);
  return `${service.target}: ${Object.keys(trimmed.operations).length} operations, ${Object.keys(trimmed.shapes).length} shapes (botocore ${version})`;
}

const botocoreDir = process.argv[2];
if (botocoreDir === undefined) {
  process.stderr.write('usage: vendorServiceModels.ts <botocore package directory>\n');
  process.exit(2);
}
const version = botocoreVersion(botocoreDir);
for (const service of SERVICES) process.stdout.write(`${vendor(botocoreDir, version, service)}\n`);
