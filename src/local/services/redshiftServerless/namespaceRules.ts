import type { CreateNamespaceRequest, UpdateNamespaceRequest } from '@aws-sdk/client-redshift-serverless';
import { isRedshiftReservedWord } from './reservedWords.js';
import { RedshiftServerlessErrorCode, redshiftError } from './serviceErrors.js';

/**
 * The documented rules of CreateNamespace and UpdateNamespace that span several members, which a
 * service model cannot express. Each quotes AWS's answer where a public source shows it; the
 * others use the API reference's own sentence.
 *
 * API reference: https://docs.aws.amazon.com/redshift-serverless/latest/APIReference/API_CreateNamespace.html
 * and https://docs.aws.amazon.com/redshift-serverless/latest/APIReference/API_UpdateNamespace.html
 */

const CREDENTIALS_TOGETHER = 'Specify both the user name and password, or neither.';
const DEFAULT_ROLE_NOT_LISTED = 'The list of customer IAM roles must contain the default IAM role.';
const DEFAULT_ROLE_WITHOUT_LIST =
  'To change the default IAM role, you must specify the entire list of IAM roles.';

const invalid = (message: string) => redshiftError(RedshiftServerlessErrorCode.Validation, message);

type NamespaceSettings = CreateNamespaceRequest | UpdateNamespaceRequest;

/** A namespace name "cannot be a reserved word" (API_Namespace.html, namespaceName). The wording is ours. */
export function requireUnreservedName(name: string): void {
  if (isRedshiftReservedWord(name)) {
    throw invalid(
      `The namespace name ${name} is a reserved word (https://docs.aws.amazon.com/redshift/latest/dg/r_pg_keywords.html); choose another name.`,
    );
  }
}

/**
 * Admin credentials. "You can't use adminUserPassword if manageAdminPassword is true";
 * adminPasswordSecretKmsKeyId "You can only use this parameter if manageAdminPassword is true"
 * (both API reference sentences, used as the message). A user name and a password go together
 * unless AWS manages the password: AWS answers "Specify both the user name and password, or
 * neither." (quoted in https://github.com/hashicorp/terraform-provider-aws/issues/28122 for
 * UpdateNamespace; CreateNamespace holds the same pair, see
 * https://github.com/open-constructs/aws-cdk-library/pull/43: "We can't set adminUsername
 * without adminUserPassword").
 */
export function requireConsistentAdminCredentials(input: NamespaceSettings): void {
  const managed = input.manageAdminPassword === true;
  if (managed && input.adminUserPassword !== undefined) {
    throw invalid("You can't use adminUserPassword if manageAdminPassword is true.");
  }
  if (!managed && input.adminPasswordSecretKmsKeyId !== undefined) {
    throw invalid('You can only use adminPasswordSecretKmsKeyId if manageAdminPassword is true.');
  }
  const hasUser = input.adminUsername !== undefined;
  const hasPassword = input.adminUserPassword !== undefined;
  if (!managed && hasUser !== hasPassword) throw invalid(CREDENTIALS_TOGETHER);
}

/**
 * The default IAM role must be one of the namespace's roles. CreateNamespace answers "The list of
 * customer IAM roles must contain the default IAM role." (quoted in
 * https://github.com/hashicorp/terraform-provider-aws/issues/28980); UpdateNamespace takes the
 * default role only with the whole list ("This parameter must be updated together with
 * iamRoles"; AWS answers "To change the default IAM role, you must specify the entire list of
 * IAM roles.", quoted in https://github.com/hashicorp/terraform-provider-aws/issues/39268).
 * An empty default role clears it, which needs no role in the list.
 */
export function requireDefaultRoleAmongRoles(input: NamespaceSettings, operation: 'create' | 'update'): void {
  const defaultRole = input.defaultIamRoleArn;
  if (defaultRole === undefined) return;
  if (operation === 'update' && input.iamRoles === undefined) throw invalid(DEFAULT_ROLE_WITHOUT_LIST);
  if (defaultRole !== '' && !(input.iamRoles ?? []).includes(defaultRole))
    throw invalid(DEFAULT_ROLE_NOT_LISTED);
}

/**
 * What one UpdateNamespace may change. "Unless required, you can't update multiple parameters in
 * one request. For example, you must specify both adminUsername and adminUserPassword to update
 * either field, but you can't update both kmsKeyId and logExports in a single request."
 * (API_UpdateNamespace.html). The groups are the members that must travel together.
 */
const UPDATE_GROUPS: readonly (readonly (keyof UpdateNamespaceRequest)[])[] = [
  ['adminUsername', 'adminUserPassword', 'manageAdminPassword', 'adminPasswordSecretKmsKeyId'],
  ['defaultIamRoleArn', 'iamRoles'],
  ['kmsKeyId'],
  ['logExports'],
];

/**
 * One group of settings per UpdateNamespace; AWS answers more with "Amazon Redshift Serverless
 * can't update multiple configurations at the same time for namespace <name>." (quoted in
 * https://github.com/hashicorp/terraform-provider-aws/issues/39249).
 */
export function requireOneConfigurationChange(input: UpdateNamespaceRequest): void {
  const changed = UPDATE_GROUPS.filter((group) => group.some((member) => input[member] !== undefined));
  if (changed.length > 1) {
    throw invalid(
      `Amazon Redshift Serverless can't update multiple configurations at the same time for namespace ${input.namespaceName}.`,
    );
  }
}
