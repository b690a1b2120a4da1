import { RedshiftServerlessErrorCode, redshiftError } from './serviceErrors.js';

/**
 * Declarative input rules per operation, checked before any action runs, in the style of
 * dynalite: a table of field rules yields one ValidationException listing every violated
 * constraint in AWS's (Coral) wording, e.g.
 * `1 validation error detected: Value 'X' at 'namespaceName' failed to satisfy constraint:
 * Member must satisfy regular expression pattern: ^[a-z0-9-]+$`.
 * Wrong JSON types are a SerializationException, as the real front end answers them.
 */

interface CommonRule {
  readonly required?: boolean;
}
interface StringRule extends CommonRule {
  readonly type: 'string';
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly pattern?: string;
}
interface IntegerRule extends CommonRule {
  readonly type: 'integer';
  readonly min?: number;
  readonly max?: number;
  /** A constraint simple bounds cannot say (retention: -1 or 1–3653). */
  readonly satisfies?: { readonly test: (value: number) => boolean; readonly constraint: string };
}
interface BooleanRule extends CommonRule {
  readonly type: 'boolean';
}
interface StringListRule extends CommonRule {
  readonly type: 'stringList';
  readonly maxItems?: number;
  readonly member?: StringRule;
}
interface TagListRule extends CommonRule {
  readonly type: 'tagList';
  readonly maxItems?: number;
}

export type FieldRule = StringRule | IntegerRule | BooleanRule | StringListRule | TagListRule;
export type OperationRules = Readonly<Record<string, FieldRule>>;

const NAMESPACE_NAME: StringRule = {
  type: 'string',
  required: true,
  minLength: 3,
  maxLength: 64,
  pattern: '^[a-z0-9-]+$',
};
const MAX_RESULTS: IntegerRule = { type: 'integer', min: 1, max: 100 };
const NEXT_TOKEN: StringRule = { type: 'string', minLength: 1, maxLength: 1024 };
const RESOURCE_ARN: StringRule = { type: 'string', required: true, minLength: 1, maxLength: 1011 };
const TAG_KEY: StringRule = { type: 'string', required: true, minLength: 1, maxLength: 128 };
const TAG_VALUE: StringRule = { type: 'string', required: true, minLength: 0, maxLength: 256 };
const TAGS: TagListRule = { type: 'tagList', maxItems: 200 };
const RETENTION: IntegerRule = {
  type: 'integer',
  satisfies: {
    test: (days) => days === -1 || (days >= 1 && days <= 3653),
    constraint: 'Member must be -1 (retain indefinitely) or between 1 and 3653 days',
  },
};
const DB_USER: StringRule = { type: 'string' };
const DB_PASSWORD: StringRule = { type: 'string', minLength: 8, maxLength: 64 };
const LOG_EXPORTS: StringListRule = {
  type: 'stringList',
  maxItems: 16,
  member: { type: 'string', pattern: '^(useractivitylog|userlog|connectionlog)$' },
};

/** The rules of every operation this service implements (and only of those). */
export const VALIDATIONS: Readonly<Record<string, OperationRules>> = {
  CreateNamespace: {
    namespaceName: NAMESPACE_NAME,
    adminUsername: DB_USER,
    adminUserPassword: DB_PASSWORD,
    dbName: { type: 'string' },
    kmsKeyId: { type: 'string' },
    defaultIamRoleArn: { type: 'string' },
    iamRoles: { type: 'stringList' },
    logExports: LOG_EXPORTS,
    tags: TAGS,
    manageAdminPassword: { type: 'boolean' },
  },
  GetNamespace: { namespaceName: NAMESPACE_NAME },
  ListNamespaces: { maxResults: MAX_RESULTS, nextToken: NEXT_TOKEN },
  DeleteNamespace: {
    namespaceName: NAMESPACE_NAME,
    finalSnapshotName: { type: 'string' },
    finalSnapshotRetentionPeriod: { type: 'integer' },
  },
  UpdateNamespace: {
    namespaceName: NAMESPACE_NAME,
    adminUsername: DB_USER,
    adminUserPassword: DB_PASSWORD,
    kmsKeyId: { type: 'string' },
    defaultIamRoleArn: { type: 'string' },
    iamRoles: { type: 'stringList' },
    logExports: LOG_EXPORTS,
    manageAdminPassword: { type: 'boolean' },
  },
  TagResource: { resourceArn: RESOURCE_ARN, tags: { ...TAGS, required: true } },
  UntagResource: {
    resourceArn: RESOURCE_ARN,
    tagKeys: { type: 'stringList', required: true, maxItems: 200, member: TAG_KEY },
  },
  ListTagsForResource: { resourceArn: RESOURCE_ARN },
  CreateSnapshotCopyConfiguration: {
    namespaceName: NAMESPACE_NAME,
    destinationRegion: { type: 'string', required: true },
    destinationKmsKeyId: { type: 'string' },
    snapshotRetentionPeriod: RETENTION,
  },
  ListSnapshotCopyConfigurations: {
    namespaceName: { ...NAMESPACE_NAME, required: false },
    maxResults: MAX_RESULTS,
    nextToken: NEXT_TOKEN,
  },
  UpdateSnapshotCopyConfiguration: {
    snapshotCopyConfigurationId: { type: 'string', required: true },
    snapshotRetentionPeriod: RETENTION,
  },
  DeleteSnapshotCopyConfiguration: { snapshotCopyConfigurationId: { type: 'string', required: true } },
};

/** Throws SerializationException or ValidationException when `input` breaks `rules`. */
export function validateInput(rules: OperationRules, input: Record<string, unknown>): void {
  const violations: string[] = [];
  for (const [field, rule] of Object.entries(rules)) {
    checkField(field, rule, input[field], violations);
  }
  if (violations.length > 0) {
    const count = violations.length;
    throw redshiftError(
      RedshiftServerlessErrorCode.Validation,
      `${count} validation error${count === 1 ? '' : 's'} detected: ${violations.join('; ')}`,
    );
  }
}

function checkField(path: string, rule: FieldRule, value: unknown, violations: string[]): void {
  if (value === undefined || value === null) {
    if (rule.required) violations.push(violation(path, 'null', 'Member must not be null'));
    return;
  }
  switch (rule.type) {
    case 'string':
      checkString(path, rule, value, violations);
      return;
    case 'integer':
      checkInteger(path, rule, value, violations);
      return;
    case 'boolean':
      if (typeof value !== 'boolean') throw wrongType(path, 'a boolean');
      return;
    case 'stringList': {
      const list = expectList(path, value);
      checkListLength(path, list, rule.maxItems, violations);
      list.forEach((member, index) => {
        checkField(`${path}.${index + 1}.member`, rule.member ?? { type: 'string' }, member, violations);
      });
      return;
    }
    case 'tagList': {
      const list = expectList(path, value);
      checkListLength(path, list, rule.maxItems, violations);
      list.forEach((tag, index) => {
        if (typeof tag !== 'object' || tag === null || Array.isArray(tag))
          throw wrongType(path, 'a list of tags');
        const record = tag as Record<string, unknown>;
        checkField(`${path}.${index + 1}.member.key`, TAG_KEY, record.key, violations);
        checkField(`${path}.${index + 1}.member.value`, TAG_VALUE, record.value, violations);
      });
      return;
    }
  }
}

function checkString(path: string, rule: StringRule, value: unknown, violations: string[]): void {
  if (typeof value !== 'string') throw wrongType(path, 'a string');
  const shown = `'${value}'`;
  if (rule.minLength !== undefined && value.length < rule.minLength) {
    violations.push(
      violation(path, shown, `Member must have length greater than or equal to ${rule.minLength}`),
    );
  }
  if (rule.maxLength !== undefined && value.length > rule.maxLength) {
    violations.push(
      violation(path, shown, `Member must have length less than or equal to ${rule.maxLength}`),
    );
  }
  if (rule.pattern !== undefined && !new RegExp(rule.pattern).test(value)) {
    violations.push(
      violation(path, shown, `Member must satisfy regular expression pattern: ${rule.pattern}`),
    );
  }
}

function checkInteger(path: string, rule: IntegerRule, value: unknown, violations: string[]): void {
  if (typeof value !== 'number' || !Number.isInteger(value)) throw wrongType(path, 'an integer');
  const shown = `'${value}'`;
  if (rule.min !== undefined && value < rule.min) {
    violations.push(violation(path, shown, `Member must have value greater than or equal to ${rule.min}`));
  }
  if (rule.max !== undefined && value > rule.max) {
    violations.push(violation(path, shown, `Member must have value less than or equal to ${rule.max}`));
  }
  if (rule.satisfies !== undefined && !rule.satisfies.test(value)) {
    violations.push(violation(path, shown, rule.satisfies.constraint));
  }
}

function expectList(path: string, value: unknown): readonly unknown[] {
  if (!Array.isArray(value)) throw wrongType(path, 'a list');
  return value;
}

function checkListLength(
  path: string,
  list: readonly unknown[],
  maxItems: number | undefined,
  violations: string[],
): void {
  if (maxItems !== undefined && list.length > maxItems) {
    violations.push(
      violation(
        path,
        `'${JSON.stringify(list)}'`,
        `Member must have length less than or equal to ${maxItems}`,
      ),
    );
  }
}

function violation(path: string, shownValue: string, constraint: string): string {
  return `Value ${shownValue} at '${path}' failed to satisfy constraint: ${constraint}`;
}

function wrongType(path: string, expected: string) {
  return redshiftError(
    RedshiftServerlessErrorCode.Serialization,
    `Unexpected value type for '${path}': expected ${expected}`,
  );
}
