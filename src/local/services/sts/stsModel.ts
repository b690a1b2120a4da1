import { loadServiceModel } from '../../serviceModel/serviceModel.js';
import vendored from './model/sts-2011-06-15.json' with { type: 'json' };

/** The STS model (botocore, 2011-06-15) the local STS validates query requests against. */
export const STS_MODEL = loadServiceModel(vendored);
