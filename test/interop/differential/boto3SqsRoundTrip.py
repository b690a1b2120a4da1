"""One SQS round trip through boto3, printed as JSON, for the differential test.

Usage: python3 boto3SqsRoundTrip.py <endpoint-url>
The test runs it against the local cloud and against moto and compares the two outputs.
"""

import base64
import json
import sys

import boto3
from botocore.exceptions import ClientError


def main(endpoint: str) -> None:
    sqs = boto3.client(
        "sqs",
        endpoint_url=endpoint,
        region_name="us-east-1",
        aws_access_key_id="AKIDDIFFERENTIAL",
        aws_secret_access_key="differential-secret",
    )
    url = sqs.create_queue(QueueName="diff-boto3", Attributes={"VisibilityTimeout": "15"})["QueueUrl"]
    sent = sqs.send_message(
        QueueUrl=url,
        MessageBody="boto3 says hello ✓",
        MessageAttributes={
            "text": {"DataType": "String", "StringValue": "value"},
            "count": {"DataType": "Number", "StringValue": "42"},
            "blob": {"DataType": "Binary", "BinaryValue": b"\x00\xffbinary"},
        },
    )
    received = sqs.receive_message(
        QueueUrl=url, MaxNumberOfMessages=10, MessageAttributeNames=["All"], AttributeNames=["ApproximateReceiveCount"]
    )
    messages = [
        {
            "Body": message["Body"],
            "MD5OfBody": message["MD5OfBody"],
            "MD5OfMessageAttributes": message.get("MD5OfMessageAttributes"),
            "Attributes": message.get("Attributes"),
            "MessageAttributes": {
                name: {
                    key: base64.b64encode(value).decode() if isinstance(value, bytes) else value
                    for key, value in attribute.items()
                }
                for name, attribute in message.get("MessageAttributes", {}).items()
            },
        }
        for message in received.get("Messages", [])
    ]
    try:
        sqs.get_queue_url(QueueName="diff-boto3-missing")
        missing = None
    except ClientError as error:
        missing = {
            "Code": error.response["Error"]["Code"],
            "QueryErrorCode": error.response["Error"].get("QueryErrorCode"),
            "HTTPStatusCode": error.response["ResponseMetadata"]["HTTPStatusCode"],
        }
    sqs.delete_queue(QueueUrl=url)
    print(
        json.dumps(
            {
                "sent": {
                    "MD5OfMessageBody": sent["MD5OfMessageBody"],
                    "MD5OfMessageAttributes": sent.get("MD5OfMessageAttributes"),
                },
                "received": messages,
                "missingQueue": missing,
            },
            sort_keys=True,
        )
    )


if __name__ == "__main__":
    main(sys.argv[1])
