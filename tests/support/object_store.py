"""A local S3-compatible object store for the tests of the S3 path: moto's server
mode on 127.0.0.1. `.ci/run` starts one and sets S3_TEST_ENDPOINT; without it a
test starts its own when ``moto_server`` is installed, and is skipped otherwise."""

import os
import socket
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

ACCESS_KEY = "testing"
SECRET_KEY = "testing"
REGION = "us-east-1"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_until_up(endpoint: str) -> bool:
    import requests

    for _ in range(100):
        try:
            requests.get(endpoint, timeout=1)
            return True
        except requests.ConnectionError:
            time.sleep(0.1)
    return False


@pytest.fixture(scope="session")
def s3_endpoint():
    endpoint = os.environ.get("S3_TEST_ENDPOINT")
    if endpoint:
        yield endpoint
        return
    # The environment's own, before any shim on the path.
    server = Path(sys.executable).parent / "moto_server"
    if not server.exists():
        pytest.skip("needs moto's S3 server (moto[server]) or S3_TEST_ENDPOINT")
    port = _free_port()
    process = subprocess.Popen(
        [str(server), "-H", "127.0.0.1", "-p", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    endpoint = f"http://127.0.0.1:{port}"
    try:
        if not _wait_until_up(endpoint):
            pytest.fail("moto's S3 server did not start")
        yield endpoint
    finally:
        process.terminate()
        process.wait(timeout=10)


def s3_client(endpoint: str):
    import boto3

    return boto3.client(
        "s3",
        endpoint_url=endpoint,
        aws_access_key_id=ACCESS_KEY,
        aws_secret_access_key=SECRET_KEY,
        region_name=REGION,
    )


@pytest.fixture
def s3_storage(s3_endpoint, settings):
    """Django's default storage on a fresh bucket of the local object store."""
    bucket = f"km-test-{uuid.uuid4().hex[:12]}"
    client = s3_client(s3_endpoint)
    client.create_bucket(Bucket=bucket)
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                "bucket_name": bucket,
                "endpoint_url": s3_endpoint,
                "access_key": ACCESS_KEY,
                "secret_key": SECRET_KEY,
                "region_name": REGION,
                "default_acl": None,
                "file_overwrite": False,
            },
        },
    }
    return client, bucket
