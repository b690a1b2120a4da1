import type { Command } from '../command.js';
import { UsageError } from '../errors.js';
import { DEFAULT_POLICY_FILE, readPolicyOption } from '../policyFileOption.js';

/** `copy-autopilot local serve`: the local cloud with the automation deployed, until Ctrl-C. */
export const localServe: Command = {
  path: ['local', 'serve'],
  summary: 'run the local cloud, with the automation deployed on it, until Ctrl-C',
  usage: [
    'copy-autopilot local serve [--port 4566] [--policy FILE] [--logs]',
    '',
    'Serves Redshift Serverless, SQS (JSON and query), EventBridge, DynamoDB, STS, Organizations',
    'and Account on one loopback port, deploys serverless.yml onto it (stage local) and runs the',
    'functions. Until the automation is deployed, AWS requests get 503 ServiceUnavailable with',
    'Retry-After ("the local cloud is starting"); GET /_local/health says {"ready": false|true}.',
    'It prints "ready" once it serves them, and "stopped" when Ctrl-C (or SIGTERM) has stopped it.',
    '',
    '  --port N          the port on 127.0.0.1 (default 4566; 0 picks a free one)',
    `  --policy FILE     the policy to deploy (default: ${DEFAULT_POLICY_FILE})`,
    "  --logs            echo the functions' JSON log lines",
  ].join('\n'),
  notOk: 'the policy file is invalid (every issue is printed)',
  options: {
    port: { type: 'string', default: '4566' },
    policy: { type: 'string' },
    logs: { type: 'boolean', default: false },
  },
  run: async ({ values }, { printer, cwd, interrupted }) => {
    const port = Number(values.port);
    if (!Number.isInteger(port) || port < 0 || port > 65535) {
      throw new UsageError(`--port must be a port number, got ${String(values.port)}`);
    }
    const policyFile = typeof values.policy === 'string' ? values.policy : undefined;
    // Checked before anything boots: osls would report an invalid one once per place it is used.
    if ((await readPolicyOption(policyFile, cwd, printer, 'table')) === undefined) return 1;
    // Loaded here, not at the top: every other command starts without the local cloud (~0.5 s).
    const { LOCAL_CREDENTIALS, startLocalAutomation } = await import('../../local/index.js');
    const automation = await startLocalAutomation({
      serviceDir: cwd,
      port,
      params: policyFile ? { policyFile } : undefined,
      echoLogs: values.logs === true,
      onStep: (step) => printer.note(step),
      onInvocation: (record) => {
        const batch = record.batch ? ` batch=${record.batch.size} failed=${record.batch.failed}` : '';
        printer.note(
          `invoked ${record.functionName} (${record.trigger})${batch} in ${Math.round(record.durationMs)} ms`,
        );
      },
    });
    printer.line(`copy-autopilot local cloud: ${automation.url}`);
    printer.line('Point any AWS client at it:');
    // The AWS CLI v1 reads only AWS_DEFAULT_REGION, and neither it nor Debian's v2.9 reads
    // AWS_ENDPOINT_URL: the aws lines below pass --endpoint-url.
    printer.line(
      `  export AWS_ENDPOINT_URL=${automation.url} AWS_REGION=${automation.region} AWS_DEFAULT_REGION=${automation.region}`,
    );
    printer.line(
      `  export AWS_ACCESS_KEY_ID=${LOCAL_CREDENTIALS.accessKeyId} AWS_SECRET_ACCESS_KEY=${LOCAL_CREDENTIALS.secretAccessKey}`,
    );
    printer.line(
      `  aws --endpoint-url ${automation.url} redshift-serverless create-namespace --namespace-name prod-demo`,
    );
    printer.line(
      `  aws --endpoint-url ${automation.url} redshift-serverless list-snapshot-copy-configurations`,
    );
    printer.line('Ctrl-C stops it.');
    await interrupted;
    printer.note('stopping…');
    await automation.close();
    printer.note('stopped');
    return 0;
  },
};
