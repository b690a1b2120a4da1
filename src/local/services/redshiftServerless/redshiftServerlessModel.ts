import { loadServiceModel, type ModelAmendment } from '../../serviceModel/serviceModel.js';
import vendored from './model/redshift-serverless-2021-04-21.json' with { type: 'json' };

/**
 * What AWS enforces beyond the published model. The public model leaves `DbPassword` without
 * bounds, yet AWS answers an empty password with "1 validation error detected: Value at
 * 'adminUserPassword' failed to satisfy constraint: Member must have length greater than or equal
 * to 8" (quoted in https://github.com/hashicorp/terraform-provider-aws/issues/39250 and /39266);
 * the upper bound is the documented 64 characters of a Redshift admin password
 * (https://docs.aws.amazon.com/redshift/latest/APIReference/API_CreateCluster.html, MasterUserPassword).
 */
export const REDSHIFT_SERVERLESS_AMENDMENTS: readonly ModelAmendment[] = [
  {
    kind: 'constrain',
    shape: 'DbPassword',
    min: 8,
    max: 64,
    source: 'https://github.com/hashicorp/terraform-provider-aws/issues/39250',
  },
];

/** The Redshift Serverless model (botocore, 2021-04-21) the local service validates against. */
export const REDSHIFT_SERVERLESS_MODEL = loadServiceModel(vendored, REDSHIFT_SERVERLESS_AMENDMENTS);
