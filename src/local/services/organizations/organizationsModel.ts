import { loadServiceModel } from '../../serviceModel/serviceModel.js';
import vendored from './model/organizations-2016-11-28.json' with { type: 'json' };

/** The AWS Organizations model (botocore, 2016-11-28) the local Organizations validates requests against. */
export const ORGANIZATIONS_MODEL = loadServiceModel(vendored);
