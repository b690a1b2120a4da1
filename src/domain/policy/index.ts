export { AWS_REGIONS, AwsPartition, type AwsRegion, isAwsRegion, partitionOf } from '../awsRegions.js';
export { type CopySettings, INDEFINITE_RETENTION } from '../copyConfiguration.js';
export { CrossFieldCheck, formatPolicyIssue, type PolicyIssue, PolicyValidationError } from './errors.js';
export { matchGlob } from './matchGlob.js';
export { ANY_TAG_VALUE, decisionDependsOnTags, type PolicySubject, resolvePolicy } from './resolvePolicy.js';
export { toPolicyDocument } from './toPolicyDocument.js';
export {
  type CopyRule,
  DeletedConfigurationMode,
  ExistingConfigurationMode,
  type Policy,
  type PolicyDecision,
  type PolicyRule,
  type PolicyScope,
  type RuleMatch,
  type ScopeAccounts,
  type ScopeRegions,
  type SkipRule,
} from './types.js';
export { MAX_RETENTION_DAYS, MIN_RETENTION_DAYS } from './validateCopyTo.js';
export { validatePolicy } from './validatePolicy.js';
export { DEFAULT_ON_DELETED, DEFAULT_ON_EXISTING, RULE_NAME_PATTERN } from './validatePolicyRule.js';
export { ALL_ENABLED_REGIONS, ORGANIZATION } from './validatePolicyScope.js';
