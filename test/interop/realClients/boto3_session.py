"""An operator's boto3 session against `copy-autopilot local serve`, unchanged but for the endpoint.

Run by test/e2e/realClients.test.ts: python3 boto3_session.py <endpoint-url> <namespace-name>
<put-events entries file>. Creates a namespace, waits for the automation to protect it, puts the
operator's sample request on the bus and reads the queues. Prints one JSON object (what it saw)
on stdout; exits non-zero with the reason on stderr when anything fails.
"""

import json
import sys
import time

import boto3

PROTECTION_TIMEOUT_SECONDS = 30


def main(endpoint_url: str, namespace_name: str, entries_file: str) -> None:
    session = boto3.session.Session(
        aws_access_key_id="test", aws_secret_access_key="test", region_name="us-east-1"
    )
    redshift = session.client("redshift-serverless", endpoint_url=endpoint_url)
    sqs = session.client("sqs", endpoint_url=endpoint_url)
    events = session.client("events", endpoint_url=endpoint_url)

    created = redshift.create_namespace(
        namespaceName=namespace_name,
        adminUsername="admin",
        adminUserPassword="Boto3-Passw0rd",
        tags=[{"key": "team", "value": "data"}],
    )["namespace"]

    deadline = time.monotonic() + PROTECTION_TIMEOUT_SECONDS
    configurations = []
    while not configurations:
        if time.monotonic() > deadline:
            sys.exit(f"{namespace_name} was not protected within {PROTECTION_TIMEOUT_SECONDS} s")
        time.sleep(0.2)
        configurations = redshift.list_snapshot_copy_configurations(namespaceName=namespace_name)[
            "snapshotCopyConfigurations"
        ]

    with open(entries_file, encoding="utf-8") as handle:
        put = events.put_events(Entries=json.load(handle))

    queue_urls = sqs.list_queues(QueueNamePrefix="copy-autopilot-local-")["QueueUrls"]
    requests_url = next(url for url in queue_urls if url.endswith("-requests"))
    requests_attributes = sqs.get_queue_attributes(
        QueueUrl=requests_url, AttributeNames=["QueueArn", "RedrivePolicy", "VisibilityTimeout"]
    )["Attributes"]

    json.dump(
        {
            "namespace": {"name": created["namespaceName"], "status": created["status"]},
            "configurations": [
                {
                    "destinationRegion": configuration["destinationRegion"],
                    "snapshotRetentionPeriod": configuration["snapshotRetentionPeriod"],
                }
                for configuration in configurations
            ],
            "putEvents": {
                "failedEntryCount": put["FailedEntryCount"],
                "eventIds": [entry.get("EventId") for entry in put["Entries"]],
            },
            "queueUrls": queue_urls,
            "requestsQueue": {
                "arn": requests_attributes["QueueArn"],
                "redrivePolicy": json.loads(requests_attributes["RedrivePolicy"]),
                "visibilityTimeout": requests_attributes["VisibilityTimeout"],
            },
        },
        sys.stdout,
    )


if __name__ == "__main__":
    if len(sys.argv) != 4:
        sys.exit("usage: boto3_session.py <endpoint-url> <namespace-name> <put-events entries file>")
    main(sys.argv[1], sys.argv[2], sys.argv[3])
