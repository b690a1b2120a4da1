import { loadServiceModel, type ModelAmendment } from '../../serviceModel/serviceModel.js';
import vendored from './model/sqs-2012-11-05.json' with { type: 'json' };

/**
 * Where SQS accepts more than its published model says. ReceiveMessage's deprecated
 * `AttributeNames` is typed as a list of queue attribute names, but it takes message system
 * attribute names (`ApproximateReceiveCount`, `SentTimestamp`, …: the ReceiveMessage API
 * reference lists them, https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_ReceiveMessage.html),
 * so its members are left unchecked, as the receive ignores names it does not know.
 */
export const SQS_AMENDMENTS: readonly ModelAmendment[] = [
  {
    kind: 'retarget',
    structure: 'ReceiveMessageRequest',
    member: 'AttributeNames',
    shape: 'MessageAttributeNameList',
    source: 'https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_ReceiveMessage.html',
  },
];

/** The SQS model (botocore, 2012-11-05) the local SQS validates both protocols' requests against. */
export const SQS_MODEL = loadServiceModel(vendored, SQS_AMENDMENTS);
