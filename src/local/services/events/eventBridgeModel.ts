import { loadServiceModel } from '../../serviceModel/serviceModel.js';
import vendored from './model/events-2015-10-07.json' with { type: 'json' };

/** The EventBridge model (botocore, 2015-10-07) the local EventBridge validates requests against. */
export const EVENT_BRIDGE_MODEL = loadServiceModel(vendored);
