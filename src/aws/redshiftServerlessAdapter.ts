import {
  CreateSnapshotCopyConfigurationCommand,
  type CreateSnapshotCopyConfigurationRequest,
  GetNamespaceCommand,
  ListNamespacesCommand,
  ListSnapshotCopyConfigurationsCommand,
  ListTagsForResourceCommand,
  type RedshiftServerlessClient,
  type SnapshotCopyConfiguration,
  UpdateSnapshotCopyConfigurationCommand,
} from '@aws-sdk/client-redshift-serverless';
import {
  type CopyConfiguration,
  type CopySettings,
  INDEFINITE_RETENTION,
  normalizeKmsKeyId,
} from '../domain/copyConfiguration.js';
import { CopyAutopilotError } from '../domain/errors.js';
import type { NamespaceRef, Tags } from '../domain/namespaceRef.js';

/** A namespace as GetNamespace reports it. */
export interface NamespaceState {
  readonly arn: string;
  readonly status: string;
}

/** A page of ListSnapshotCopyConfigurations; `nextToken` absent on the last one. */
export interface CopyConfigurationPage {
  readonly configurations: readonly CopyConfiguration[];
  readonly nextToken?: string;
}

/** AWS answered with a shape the service model promises never to send (a missing id). */
export class UnexpectedResponseError extends CopyAutopilotError {
  public readonly operation: string;

  public constructor(operation: string, message: string) {
    super(`${operation}: ${message}`);
    this.name = 'UnexpectedResponseError';
    this.operation = operation;
  }
}

/** The largest page ListNamespaces and ListSnapshotCopyConfigurations return. */
export const MAX_PAGE_SIZE = 100;

function isNotFound(error: unknown): boolean {
  return error instanceof Error && error.name === 'ResourceNotFoundException';
}

/** The API's words for a configuration, in ours: the one place that reads the SDK's field names. */
function toCopyConfiguration(
  operation: string,
  raw: SnapshotCopyConfiguration | undefined,
): CopyConfiguration {
  if (raw?.snapshotCopyConfigurationId === undefined || raw.destinationRegion === undefined) {
    throw new UnexpectedResponseError(operation, 'snapshot copy configuration without id or region');
  }
  return {
    id: raw.snapshotCopyConfigurationId,
    arn: raw.snapshotCopyConfigurationArn,
    namespaceName: raw.namespaceName ?? '',
    region: raw.destinationRegion,
    kmsKeyId: normalizeKmsKeyId(raw.destinationKmsKeyId),
    // The API's default retention is indefinite; a missing value means that.
    retentionDays: raw.snapshotRetentionPeriod ?? INDEFINITE_RETENTION,
  };
}

/**
 * The CreateSnapshotCopyConfiguration input for a namespace's desired copy: the one place that
 * writes the SDK's field names (`plan` prints it as the call a request would make).
 */
export function createCopyConfigurationInput(
  namespaceName: string,
  desired: CopySettings,
): CreateSnapshotCopyConfigurationRequest {
  return {
    namespaceName,
    destinationRegion: desired.region,
    destinationKmsKeyId: desired.kmsKeyId,
    snapshotRetentionPeriod: desired.retentionDays,
  };
}

/**
 * Redshift Serverless, in the domain's words, for one (account, region). SDK errors pass
 * through unchanged: their `name` (ConflictException, …) is what classifyServiceError reads.
 */
export class RedshiftServerlessAdapter {
  readonly #client: RedshiftServerlessClient;
  readonly #location: { readonly account: string; readonly region: string };

  public constructor(client: RedshiftServerlessClient, location: { account: string; region: string }) {
    this.#client = client;
    this.#location = location;
  }

  /** Every copy configuration of a namespace (all pages). */
  public async listCopyConfigurations(namespaceName: string): Promise<CopyConfiguration[]> {
    const configurations: CopyConfiguration[] = [];
    let nextToken: string | undefined;
    do {
      const page = await this.listCopyConfigurationsPage({ namespaceName, nextToken });
      configurations.push(...page.configurations);
      nextToken = page.nextToken;
    } while (nextToken !== undefined);
    return configurations;
  }

  /**
   * One page (up to 100) of copy configurations: a namespace's, or, without `namespaceName`,
   * every one of the region, which is how a sweep reads them all in a few calls.
   */
  public async listCopyConfigurationsPage(request: {
    readonly namespaceName?: string;
    readonly nextToken?: string;
  }): Promise<CopyConfigurationPage> {
    const page = await this.#client.send(
      new ListSnapshotCopyConfigurationsCommand({
        namespaceName: request.namespaceName,
        maxResults: MAX_PAGE_SIZE,
        nextToken: request.nextToken,
      }),
    );
    const configurations = (page.snapshotCopyConfigurations ?? []).map((raw) =>
      toCopyConfiguration('ListSnapshotCopyConfigurations', raw),
    );
    return { configurations, nextToken: page.nextToken === '' ? undefined : page.nextToken };
  }

  public async createCopyConfiguration(
    namespaceName: string,
    desired: CopySettings,
  ): Promise<CopyConfiguration> {
    const { snapshotCopyConfiguration } = await this.#client.send(
      new CreateSnapshotCopyConfigurationCommand(createCopyConfigurationInput(namespaceName, desired)),
    );
    return toCopyConfiguration('CreateSnapshotCopyConfiguration', snapshotCopyConfiguration);
  }

  /** Retention is the only setting AWS lets us change on an existing configuration. */
  public async updateRetention(configurationId: string, retentionDays: number): Promise<CopyConfiguration> {
    const { snapshotCopyConfiguration } = await this.#client.send(
      new UpdateSnapshotCopyConfigurationCommand({
        snapshotCopyConfigurationId: configurationId,
        snapshotRetentionPeriod: retentionDays,
      }),
    );
    return toCopyConfiguration('UpdateSnapshotCopyConfiguration', snapshotCopyConfiguration);
  }

  /** Live tags of a resource; undefined when it does not exist (yet). */
  public async listTags(resourceArn: string): Promise<Tags | undefined> {
    try {
      const { tags } = await this.#client.send(new ListTagsForResourceCommand({ resourceArn }));
      const result: Record<string, string> = {};
      for (const tag of tags ?? []) {
        if (tag.key !== undefined) result[tag.key] = tag.value ?? '';
      }
      return result;
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw error;
    }
  }

  /** A namespace's ARN and status; undefined when it does not exist (yet). */
  public async getNamespace(namespaceName: string): Promise<NamespaceState | undefined> {
    try {
      const { namespace } = await this.#client.send(new GetNamespaceCommand({ namespaceName }));
      if (namespace?.namespaceArn === undefined) {
        throw new UnexpectedResponseError('GetNamespace', 'namespace without ARN');
      }
      return { arn: namespace.namespaceArn, status: namespace.status ?? 'UNKNOWN' };
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw error;
    }
  }

  /**
   * The namespace an ARN names. ARNs end in the namespace id, not its name, and there is no
   * lookup by id, so this pages through ListNamespaces.
   */
  public async findNamespaceByArn(arn: string): Promise<NamespaceRef | undefined> {
    let nextToken: string | undefined;
    do {
      const page = await this.#client.send(
        new ListNamespacesCommand({ maxResults: MAX_PAGE_SIZE, nextToken }),
      );
      const found = page.namespaces?.find((ns) => ns.namespaceArn === arn);
      if (found?.namespaceName !== undefined) {
        return { ...this.#location, name: found.namespaceName, arn };
      }
      nextToken = page.nextToken;
    } while (nextToken !== undefined && nextToken !== '');
    return undefined;
  }
}
