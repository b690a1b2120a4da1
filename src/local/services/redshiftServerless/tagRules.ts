import { RedshiftServerlessErrorCode, redshiftError } from './serviceErrors.js';

/**
 * `aws:` starts the tags AWS applies itself; customers can't use it, in any mix of case
 * (https://docs.aws.amazon.com/tag-editor/latest/userguide/tagging.html, "Tag naming limits and
 * requirements"; https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/Using_Tags.html#tag-restrictions).
 * The service model's TagKey has only a length, so the prefix is checked here; the wording is ours.
 */
const RESERVED_TAG_PREFIX = 'aws:';

/** ValidationException when a tag key starts with the reserved `aws:` prefix. */
export function requireCustomerTagKeys(tags: readonly { readonly key?: string }[]): void {
  const reserved = tags.find((tag) => tag.key?.toLowerCase().startsWith(RESERVED_TAG_PREFIX));
  if (reserved !== undefined) {
    throw redshiftError(
      RedshiftServerlessErrorCode.Validation,
      `The tag key ${reserved.key} is not allowed: keys starting with aws: are reserved for AWS use.`,
    );
  }
}
