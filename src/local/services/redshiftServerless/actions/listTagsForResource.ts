import type { ListTagsForResourceRequest } from '@aws-sdk/client-redshift-serverless';
import { defineAction } from '../action.js';
import { requireTaggedResource } from '../requireTaggedResource.js';
import { tagsToWire } from '../wireShapes.js';

export const listTagsForResource = defineAction<ListTagsForResourceRequest>((store, input) => ({
  tags: tagsToWire(requireTaggedResource(store, input.resourceArn ?? '').tags),
}));
