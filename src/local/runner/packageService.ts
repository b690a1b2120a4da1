import { execFile } from 'node:child_process';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { CopyAutopilotError } from '../../domain/errors.js';
import type { CloudFormationTemplate } from './cloudFormation/deployTemplate.js';

const run = promisify(execFile);

export class PackageError extends CopyAutopilotError {
  public constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'PackageError';
  }
}

export interface PackagedService {
  readonly directory: string;
  readonly template: CloudFormationTemplate;
  readonly stackName: string;
}

/**
 * Packages serverless.yml exactly as a deployment would (`osls package`, offline), so the local
 * cloud runs what AWS would receive: the same template, the same build-time policy check.
 */
export async function packageService(options: {
  serviceDir: string;
  stage: string;
  region: string;
  params?: Readonly<Record<string, string>>;
}): Promise<PackagedService> {
  const directory = await mkdtemp(join(tmpdir(), 'copy-autopilot-package-'));
  const args = ['package', '--stage', options.stage, '--region', options.region, '--package', directory];
  for (const [name, value] of Object.entries(options.params ?? {})) args.push('--param', `${name}=${value}`);
  const osls = join(options.serviceDir, 'node_modules', 'osls', 'bin', 'serverless.js');
  try {
    await run(process.execPath, [osls, ...args], {
      cwd: options.serviceDir,
      env: { ...process.env, SLS_TELEMETRY_DISABLED: '1', SLS_NOTIFICATIONS_MODE: 'off' },
      maxBuffer: 16 * 1024 * 1024,
    });
  } catch (error) {
    const failure = error as { stdout?: string; stderr?: string; message: string };
    const output = `${failure.stdout ?? ''}${failure.stderr ?? ''}`.trim();
    throw new PackageError(`osls package failed:\n${output || failure.message}`, { cause: error });
  }
  const template = JSON.parse(
    await readFile(join(directory, 'cloudformation-template-update-stack.json'), 'utf8'),
  ) as CloudFormationTemplate;
  const state = JSON.parse(await readFile(join(directory, 'serverless-state.json'), 'utf8')) as {
    service?: { service?: string | { name?: string } };
  };
  const service = state.service?.service;
  const serviceName = typeof service === 'string' ? service : (service?.name ?? 'copy-autopilot');
  return { directory, template, stackName: `${serviceName}-${options.stage}` };
}
