"""The address a request came from, for login throttling.

Behind a reverse proxy every request arrives from the proxy's address, so
throttling on ``REMOTE_ADDR`` would lock a user out for everyone. Each proxy
appends the address it received the request from to ``X-Forwarded-For``; with
``TRUSTED_PROXY_COUNT`` proxies of our own in front, the entry that many
places from the right is the client as our outermost proxy saw it. Entries
further left were written by the client and may be anything, so they are
never read; without trusted proxies the header is ignored altogether.
"""

import ipaddress

from django.conf import settings


def _is_address(value: str) -> bool:
    try:
        ipaddress.ip_address(value)
    except ValueError:
        return False
    return True


def client_address(request) -> str:
    """The client's IP address: from ``X-Forwarded-For`` only behind trusted proxies."""
    remote = request.META.get("REMOTE_ADDR", "")
    count = settings.TRUSTED_PROXY_COUNT
    if count <= 0:
        return remote
    forwarded = [
        entry.strip()
        for entry in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        if entry.strip()
    ]
    if not forwarded:
        return remote
    candidate = forwarded[max(len(forwarded) - count, 0)]
    return candidate if _is_address(candidate) else remote
