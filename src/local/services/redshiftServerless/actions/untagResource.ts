import type { UntagResourceRequest } from '@aws-sdk/client-redshift-serverless';
import { defineAction } from '../action.js';
import { requireAvailable } from '../namespaceGuards.js';
import { requireTaggedResource } from '../requireTaggedResource.js';

/** Removes tag keys from a namespace; keys it does not carry are ignored, as on AWS. */
export const untagResource = defineAction<UntagResourceRequest>((store, input) => {
  const namespace = requireTaggedResource(store, input.resourceArn ?? '');
  requireAvailable(store, namespace);
  for (const key of input.tagKeys ?? []) namespace.tags.delete(key);
  return {};
});
