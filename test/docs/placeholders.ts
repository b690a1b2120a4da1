/**
 * What the docs' `<PLACEHOLDER>`s stand for when the docs test runs a command: values a reader
 * would put there, valid for the local cloud and for the member template's parameter patterns.
 * A placeholder missing from this table fails the test (add it here with a value that works).
 */
export const PLACEHOLDERS: Readonly<Record<string, string>> = {
  /** Member accounts of the organization. */
  MEMBER_ACCOUNT: '111111111111',
  OTHER_MEMBER_ACCOUNT: '222222222222',
  /** The central (home) account: the local cloud's default account. */
  CENTRAL_ACCOUNT: '000000000000',
  ORGANIZATION_ID: 'o-a1b2c3d4e5',
  OU_ID: 'ou-ab12-cdefgh12',
  ALARM_EMAIL: 'oncall@example.com',
  /** The central stack's outputs, as `osls info --verbose` prints them. */
  COPY_WORKER_ROLE_ARN: 'arn:aws:iam::000000000000:role/copy-autopilot-prod-us-east-1-lambdaRole',
  SWEEP_WORKER_ROLE_ARN: 'arn:aws:iam::000000000000:role/copy-autopilot-prod-SweepWorkerRole-1A2B3C4D5E6F',
  CENTRAL_EVENT_BUS_ARN: 'arn:aws:events:us-east-1:000000000000:event-bus/default',
  ALARM_TOPIC_ARN: 'arn:aws:sns:us-east-1:000000000000:organization-operations',
};

const PLACEHOLDER = /<([A-Z][A-Z0-9_]*)>/g;

/** The command with every placeholder replaced; throws naming one the table lacks. */
export function fillPlaceholders(text: string): string {
  return text.replace(PLACEHOLDER, (whole, name: string) => {
    const value = PLACEHOLDERS[name];
    if (value === undefined) {
      throw new Error(`${whole} is not in test/docs/placeholders.ts: add it with a value that works`);
    }
    return value;
  });
}
