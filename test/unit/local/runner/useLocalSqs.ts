import { SQSClient } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll } from 'vitest';
import { createLocalCloud, type LocalCloud } from '../../../../src/local/localCloud.js';
import { LOCAL_CREDENTIALS } from '../../../../src/local/localCredentials.js';

/** The local cloud and a real SQS client pointed at it, for the runner's polling tests. */
export interface LocalSqs {
  readonly cloud: LocalCloud;
  readonly sqs: SQSClient;
}

/**
 * Listens a local cloud on an ephemeral port before all tests of the file (or of the enclosing
 * describe) and closes it, with its SQS client, after them. The handle reaches the running
 * cloud, so use it inside hooks and tests only.
 */
export function useLocalSqs(): LocalSqs {
  let started: LocalSqs | undefined;
  const current = (): LocalSqs => {
    if (started === undefined) throw new Error('useLocalSqs: the cloud starts in beforeAll');
    return started;
  };
  beforeAll(async () => {
    const cloud = createLocalCloud();
    const { url } = await cloud.listen(0);
    started = {
      cloud,
      sqs: new SQSClient({ endpoint: url, region: 'us-east-1', credentials: LOCAL_CREDENTIALS }),
    };
  });
  afterAll(async () => {
    started?.sqs.destroy();
    await started?.cloud.close();
  });
  return {
    get cloud() {
      return current().cloud;
    },
    get sqs() {
      return current().sqs;
    },
  };
}
