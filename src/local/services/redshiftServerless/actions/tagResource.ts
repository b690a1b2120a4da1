import type { TagResourceRequest } from '@aws-sdk/client-redshift-serverless';
import { defineAction } from '../action.js';
import { requireAvailable } from '../namespaceGuards.js';
import { requireTaggedResource } from '../requireTaggedResource.js';
import { mergeTags } from '../resourceTags.js';
import { requireCustomerTagKeys } from '../tagRules.js';

/** Adds or overwrites tags on a namespace (merge, not replace). */
export const tagResource = defineAction<TagResourceRequest>((store, input) => {
  requireCustomerTagKeys(input.tags ?? []);
  const namespace = requireTaggedResource(store, input.resourceArn ?? '');
  requireAvailable(store, namespace);
  const merged = mergeTags(namespace.tags, input.tags ?? [], namespace.arn);
  namespace.tags.clear();
  for (const [key, value] of merged) namespace.tags.set(key, value);
  return {};
});
