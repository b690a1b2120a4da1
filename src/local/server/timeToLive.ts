import { AwsServiceError } from '../protocol/serviceError.js';

/** The `__type` namespace DynamoDB puts on its errors. */
export const DYNAMODB_ERROR_NAMESPACE = 'com.amazonaws.dynamodb.v20120810';

/** Looks a table up; resolves its creation time (epoch seconds) or throws ResourceNotFoundException. */
export type DescribeTable = (tableName: string) => Promise<number>;

interface TableTtl {
  readonly attributeName: string;
  /** Ties the setting to one incarnation of the table: a table deleted and recreated starts disabled. */
  readonly tableCreatedAt: number;
}

const validationError = (message: string): AwsServiceError =>
  new AwsServiceError('ValidationException', message);

const requireTableName = (input: Record<string, unknown>): string => {
  const name = input.TableName;
  if (typeof name !== 'string') {
    throw validationError(
      "1 validation error detected: Value null at 'tableName' failed to satisfy constraint: Member must not be null",
    );
  }
  if (!/^[a-zA-Z0-9_.-]{3,255}$/.test(name)) {
    throw validationError(
      `1 validation error detected: Value '${name}' at 'tableName' failed to satisfy constraint: ` +
        'Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+ and have length between 3 and 255',
    );
  }
  return name;
};

/**
 * DynamoDB's UpdateTimeToLive and DescribeTimeToLive, which dynalite lacks, answered at the
 * edge so stacks that enable TTL on their tables deploy locally. Nothing expires items: the
 * setting is only remembered and reported. As in AWS, enabling twice or disabling a disabled
 * setting is a ValidationException.
 */
export class TimeToLiveSettings {
  readonly #describeTable: DescribeTable;
  readonly #byTable = new Map<string, TableTtl>();

  public constructor(describeTable: DescribeTable) {
    this.#describeTable = describeTable;
  }

  public async update(input: Record<string, unknown>): Promise<unknown> {
    const tableName = requireTableName(input);
    const specification = input.TimeToLiveSpecification as Record<string, unknown> | undefined;
    if (specification === null || typeof specification !== 'object') {
      throw validationError(
        "1 validation error detected: Value null at 'timeToLiveSpecification' failed to satisfy constraint: Member must not be null",
      );
    }
    const { Enabled: enabled, AttributeName: attributeName } = specification;
    if (typeof enabled !== 'boolean') {
      throw validationError(
        "1 validation error detected: Value null at 'timeToLiveSpecification.enabled' failed to satisfy constraint: Member must not be null",
      );
    }
    if (typeof attributeName !== 'string' || attributeName.length === 0 || attributeName.length > 255) {
      throw validationError(
        "1 validation error detected: Value at 'timeToLiveSpecification.attributeName' failed to satisfy constraint: Member must have length between 1 and 255",
      );
    }
    const { current, tableCreatedAt } = await this.#lookUp(tableName);
    if (enabled) {
      if (current !== undefined) throw validationError('TimeToLive is already enabled');
      this.#byTable.set(tableName, { attributeName, tableCreatedAt });
    } else {
      if (current === undefined) throw validationError('TimeToLive is already disabled');
      this.#byTable.delete(tableName);
    }
    return { TimeToLiveSpecification: { Enabled: enabled, AttributeName: attributeName } };
  }

  public async describe(input: Record<string, unknown>): Promise<unknown> {
    const { current } = await this.#lookUp(requireTableName(input));
    return {
      TimeToLiveDescription:
        current === undefined
          ? { TimeToLiveStatus: 'DISABLED' }
          : { TimeToLiveStatus: 'ENABLED', AttributeName: current.attributeName },
    };
  }

  public reset(): void {
    this.#byTable.clear();
  }

  /** The table's setting, if it belongs to the table that exists now (throws when there is none). */
  async #lookUp(tableName: string): Promise<{ current?: TableTtl; tableCreatedAt: number }> {
    const tableCreatedAt = await this.#describeTable(tableName);
    const setting = this.#byTable.get(tableName);
    return setting?.tableCreatedAt === tableCreatedAt
      ? { current: setting, tableCreatedAt }
      : { tableCreatedAt };
  }
}
