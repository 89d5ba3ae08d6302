"""Where stored files go, from the environment.

``DJANGO_FILE_STORAGE`` chooses: ``local`` (a folder, ``MEDIA_ROOT``: one
server, `make run`), ``s3`` (an S3-compatible object store that every app
server and worker shares) or ``memory`` (the tests). Letters, uploaded
agreements, journal documents and deposit packages all go through Django's
default storage, so the choice is made here once.
"""

from django.core.exceptions import ImproperlyConfigured

IMMEDIATE_TASK_BACKEND = "django.tasks.backends.immediate.ImmediateBackend"
DATABASE_TASK_BACKEND = "django_tasks_db.DatabaseBackend"

_BACKENDS = {
    "local": "django.core.files.storage.FileSystemStorage",
    "memory": "django.core.files.storage.InMemoryStorage",
    "s3": "storages.backends.s3.S3Storage",
}


def file_storage(env, *, default: str) -> dict:
    kind = env.str("DJANGO_FILE_STORAGE", default=default)
    if kind not in _BACKENDS:
        raise ImproperlyConfigured(
            f"DJANGO_FILE_STORAGE must be one of {', '.join(_BACKENDS)}, not {kind!r}"
        )
    if kind != "s3":
        return {"BACKEND": _BACKENDS[kind]}
    options = {
        "bucket_name": env.str("AWS_STORAGE_BUCKET_NAME"),
        "region_name": env.str("AWS_S3_REGION_NAME", default="us-east-1"),
        # Private objects, handed out through the application's own views (which
        # check who may read them), never as public or pre-signed addresses.
        "default_acl": None,
        "querystring_auth": True,
        "file_overwrite": False,
        "location": env.str("AWS_LOCATION", default=""),
    }
    endpoint = env.str("AWS_S3_ENDPOINT_URL", default="")
    if endpoint:
        options["endpoint_url"] = endpoint
    access_key = env.str("AWS_ACCESS_KEY_ID", default="")
    if access_key:
        # Otherwise boto3 finds credentials itself (instance role, profile).
        options["access_key"] = access_key
        options["secret_key"] = env.str("AWS_SECRET_ACCESS_KEY")
    return {"BACKEND": _BACKENDS["s3"], "OPTIONS": options}
