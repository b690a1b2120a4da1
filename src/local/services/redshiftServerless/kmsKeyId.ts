import { PARTITION_IDS_PATTERN } from '../../accounts/partition.js';

/**
 * The four ways to name a KMS key (https://docs.aws.amazon.com/kms/latest/developerguide/concepts.html#key-id):
 * a key ID (a UUID, or `mrk-` and 32 hex digits for a multi-Region key), a key ARN, an alias
 * name (`alias/…`) or an alias ARN. The service model types destinationKmsKeyId as a plain
 * String, so the form is checked here.
 */
const KEY_ID = '(?:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|mrk-[0-9a-f]{32})';
// Alias names: 1–256 characters of letters, digits, '/', '_' and '-' after `alias/`.
const ALIAS = 'alias/[A-Za-z0-9/_-]{1,250}';
const ARN_PREFIX = `arn:(${PARTITION_IDS_PATTERN}):kms:([a-z]{2,4}(?:-[a-z]+)+-\\d{1,2}):(\\d{12}):`;

const KEY_ID_FORM = new RegExp(`^${KEY_ID}$`, 'i');
const ALIAS_FORM = new RegExp(`^${ALIAS}$`);
const ARN_FORM = new RegExp(`^${ARN_PREFIX}(?:key/${KEY_ID}|${ALIAS})$`, 'i');

/** How a caller named a KMS key, and the partition and region an ARN puts it in. */
export type KmsKeyReference =
  | { readonly form: 'key-id' | 'alias' }
  | { readonly form: 'arn'; readonly partition: string; readonly region: string }
  | { readonly form: 'invalid' };

/** Reads a KMS key reference; never echo an invalid one back, it may be a secret pasted by mistake. */
export function parseKmsKeyReference(value: string): KmsKeyReference {
  if (KEY_ID_FORM.test(value)) return { form: 'key-id' };
  if (ALIAS_FORM.test(value)) return { form: 'alias' };
  const arn = ARN_FORM.exec(value);
  if (arn?.[1] !== undefined && arn[2] !== undefined)
    return { form: 'arn', partition: arn[1], region: arn[2] };
  return { form: 'invalid' };
}
