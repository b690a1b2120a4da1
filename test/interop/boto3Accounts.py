"""boto3 against the multi-account local cloud: STS, Organizations and Account as boto3 sends them.

Run by `npm run test:interop` (test/interop/realClients/realClients.test.ts) against `local serve`;
not part of `npm test`, which must not need Python. By hand, against a local cloud:

    npx copy-autopilot local serve --port 4566 &
    python3 test/interop/boto3Accounts.py http://127.0.0.1:4566

It declares what it needs through the control API, prints one line per check and exits 1 on the
first failure. It takes back what it declared when done (the deployed stack is left alone).
"""

import json
import sys
import urllib.request

import boto3
from botocore.exceptions import ClientError

MEMBER = "111111111111"
ROLELESS = "222222222222"


def control(endpoint, method, path, body=None):
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(endpoint + path, data=data, method=method, headers={"content-type": "application/json"})
    with urllib.request.urlopen(request) as response:
        return json.loads(response.read())


def check(name, condition):
    print(("ok   " if condition else "FAIL ") + name)
    if not condition:
        sys.exit(1)


def main(endpoint):
    control(endpoint, "POST", "/_local/accounts", {"id": MEMBER, "name": "production"})
    control(endpoint, "POST", "/_local/accounts", {"id": ROLELESS})
    control(endpoint, "POST", "/_local/roles", {"account": ROLELESS, "roleName": "copy-autopilot-member", "exists": False})
    session = boto3.session.Session(aws_access_key_id="test", aws_secret_access_key="test", region_name="eu-west-1")
    sts = session.client("sts", endpoint_url=endpoint)

    check("GetCallerIdentity of test is the central account", sts.get_caller_identity()["Account"] == "000000000000")
    assumed = sts.assume_role(RoleArn=f"arn:aws:iam::{MEMBER}:role/copy-autopilot-member", RoleSessionName="boto3")
    credentials = assumed["Credentials"]
    check("AssumeRole issues ASIA credentials", credentials["AccessKeyId"].startswith("ASIA"))
    as_role = boto3.session.Session(
        aws_access_key_id=credentials["AccessKeyId"],
        aws_secret_access_key=credentials["SecretAccessKey"],
        aws_session_token=credentials["SessionToken"],
        region_name="eu-west-1",
    )
    identity = as_role.client("sts", endpoint_url=endpoint).get_caller_identity()
    check("the session is the role in the member account", identity["Arn"] == assumed["AssumedRoleUser"]["Arn"])
    try:
        sts.assume_role(RoleArn=f"arn:aws:iam::{ROLELESS}:role/copy-autopilot-member", RoleSessionName="boto3")
        check("a missing role is refused", False)
    except ClientError as error:
        check("a missing role is AccessDenied (403)", error.response["Error"]["Code"] == "AccessDenied"
              and error.response["ResponseMetadata"]["HTTPStatusCode"] == 403)

    organizations = session.client("organizations", endpoint_url=endpoint)
    pages = organizations.get_paginator("list_accounts").paginate(PaginationConfig={"PageSize": 1})
    ids = [account["Id"] for page in pages for account in page["Accounts"]]
    check("ListAccounts pages through every account", ids == ["000000000000", MEMBER, ROLELESS])

    account = session.client("account", endpoint_url=endpoint)
    pages = account.get_paginator("list_regions").paginate(
        RegionOptStatusContains=["ENABLED", "ENABLED_BY_DEFAULT"], PaginationConfig={"PageSize": 5}
    )
    regions = [region["RegionName"] for page in pages for region in page["Regions"]]
    check("ListRegions pages through the 17 regions enabled by default", len(regions) == 17)

    control(endpoint, "DELETE", f"/_local/accounts/{MEMBER}")
    control(endpoint, "DELETE", f"/_local/accounts/{ROLELESS}")
    control(endpoint, "DELETE", "/_local/roles")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:4566")
