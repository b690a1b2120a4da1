#!/usr/bin/env bash
# Drives the local SQS with a real AWS CLI (AWS_CLI, default `aws` on PATH):
#   bash test/interop/realClients/awsCliSmoke.sh
#   AWS_CLI=/usr/bin/aws bash test/interop/realClients/awsCliSmoke.sh
# `npm run test:interop` runs it with both (awsCliSmoke.test.ts). The AWS CLI v1 / boto3 speak
# SQS's JSON protocol; Debian's awscli 2.9 speaks the query protocol. Exits non-zero on the
# first mismatch, 2 when the CLI is missing.
set -euo pipefail
cd "$(dirname "$0")/../../.."
cli=${AWS_CLI:-aws}

command -v "$cli" >/dev/null || { echo "$cli: not found (the AWS CLI: pip install awscli, or apt-get install -y awscli)" >&2; exit 2; }

export AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test AWS_DEFAULT_REGION=us-east-1 AWS_PAGER=''
unset AWS_PROFILE AWS_ENDPOINT_URL

log=$(mktemp)
node --import tsx test/interop/realClients/serveSqsOnly.ts >"$log" 2>/dev/null &
server=$!
trap 'kill "$server" 2>/dev/null || true; rm -f "$log"' EXIT
for _ in $(seq 1 100); do
  endpoint=$(head -n 1 "$log")
  [ -n "$endpoint" ] && break
  sleep 0.1
done
[ -n "${endpoint:-}" ] || { echo "server did not start" >&2; exit 1; }

sqs() { "$cli" --endpoint-url "$endpoint" sqs "$@" --output json; }
expect() { # expect <description> <actual> <expected>
  if [ "$2" != "$3" ]; then echo "FAIL $1: got [$2], want [$3]" >&2; exit 1; fi
  echo "ok   $1"
}

echo "$cli: $("$cli" --version 2>&1)"
url=$(sqs create-queue --queue-name cli-smoke --attributes VisibilityTimeout=15 | python3 -c 'import json,sys; print(json.load(sys.stdin)["QueueUrl"])')
expect "create-queue returns a URL on the endpoint" "$url" "$endpoint/000000000000/cli-smoke"

got=$(sqs get-queue-url --queue-name cli-smoke | python3 -c 'import json,sys; print(json.load(sys.stdin)["QueueUrl"])')
expect "get-queue-url" "$got" "$url"

sqs send-message --queue-url "$url" --message-body 'hello from the CLI' \
  --message-attributes '{"kind":{"DataType":"String","StringValue":"smoke"},"n":{"DataType":"Number","StringValue":"7"}}' >/dev/null
echo "ok   send-message (the CLI checks MD5OfMessageBody)"

received=$(sqs receive-message --queue-url "$url" --attribute-names All --message-attribute-names All)
body=$(echo "$received" | python3 -c 'import json,sys; print(json.load(sys.stdin)["Messages"][0]["Body"])')
expect "receive-message body" "$body" "hello from the CLI"
count=$(echo "$received" | python3 -c 'import json,sys; print(json.load(sys.stdin)["Messages"][0]["Attributes"]["ApproximateReceiveCount"])')
expect "receive-message ApproximateReceiveCount" "$count" "1"
kind=$(echo "$received" | python3 -c 'import json,sys; print(json.load(sys.stdin)["Messages"][0]["MessageAttributes"]["kind"]["StringValue"])')
expect "receive-message message attribute" "$kind" "smoke"

handle=$(echo "$received" | python3 -c 'import json,sys; print(json.load(sys.stdin)["Messages"][0]["ReceiptHandle"])')
sqs delete-message --queue-url "$url" --receipt-handle "$handle"
left=$(sqs get-queue-attributes --queue-url "$url" --attribute-names ApproximateNumberOfMessages ApproximateNumberOfMessagesNotVisible \
  | python3 -c 'import json,sys; a=json.load(sys.stdin)["Attributes"]; print(a["ApproximateNumberOfMessages"], a["ApproximateNumberOfMessagesNotVisible"])')
expect "delete-message empties the queue" "$left" "0 0"

if err=$(sqs get-queue-url --queue-name does-not-exist 2>&1); then
  echo "FAIL get-queue-url of a missing queue succeeded" >&2; exit 1
fi
case "$err" in
  *AWS.SimpleQueueService.NonExistentQueue*|*QueueDoesNotExist*) echo "ok   missing queue: $(echo "$err" | tr -d '\n' | cut -c1-120)" ;;
  *) echo "FAIL missing queue error: $err" >&2; exit 1 ;;
esac

echo "all AWS CLI checks passed"
