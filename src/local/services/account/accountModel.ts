import { loadServiceModel } from '../../serviceModel/serviceModel.js';
import vendored from './model/account-2021-02-01.json' with { type: 'json' };

/** The AWS Account Management model (botocore, 2021-02-01) the local Account API validates requests against. */
export const ACCOUNT_MODEL = loadServiceModel(vendored);
