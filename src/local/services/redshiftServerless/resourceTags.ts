import { RedshiftServerlessErrorCode, redshiftError } from './serviceErrors.js';

/**
 * AWS's quota of tags on one Redshift resource
 * (https://docs.aws.amazon.com/redshift/latest/mgmt/amazon-redshift-tagging.html, "Tagging
 * requirements"); the model's TagList allows 200 in one request, the resource holds 50.
 */
export const MAX_TAGS_PER_RESOURCE = 50;

/** `existing` with `additions` merged over it (same key: new value), or TooManyTagsException. */
export function mergeTags(
  existing: ReadonlyMap<string, string>,
  additions: readonly { key?: string; value?: string }[],
  resourceName: string,
): Map<string, string> {
  const merged = new Map(existing);
  for (const tag of additions) merged.set(tag.key ?? '', tag.value ?? '');
  if (merged.size > MAX_TAGS_PER_RESOURCE) {
    throw redshiftError(
      RedshiftServerlessErrorCode.TooManyTags,
      `Exceeded the limit of ${MAX_TAGS_PER_RESOURCE} tags for resource ${resourceName}.`,
    );
  }
  return merged;
}
