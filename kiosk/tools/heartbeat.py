"""`kiosk status --post URL`: the status JSON sent to a URL the organisers chose.

Run by the opt-in heartbeat timer (kiosk/runtime/service.py heartbeat_units),
never by the kiosk itself, which opens no socket. The standard library's
HTTP client only: one POST, a bounded wait, no retries (the timer comes again).
A healthchecks-style service then sees a kiosk PC that stopped posting (no
power, no network) as well as a kiosk that posts "not well".
"""

from __future__ import annotations

import urllib.error
import urllib.request

TIMEOUT_S = 20  # well within the timer's period


class PostError(Exception):
    """The status could not be delivered: the reason, in plain words."""


def post_status(url: str, body: str, *, healthy: bool, timeout_s: float = TIMEOUT_S) -> int:
    """POST `body` (the JSON of `kiosk status --json`) to `url`; returns the HTTP status."""
    if not url.startswith(("http://", "https://")):
        raise PostError(f"{url!r} is not an http:// or https:// address")
    request = urllib.request.Request(
        url,
        data=body.encode("utf-8"),
        method="POST",
        headers={"Content-Type": "application/json", "User-Agent": "unbreakable-kiosk-heartbeat",
                 "X-Kiosk-Healthy": "yes" if healthy else "no"},
    )
    try:
        with urllib.request.urlopen(request, timeout=timeout_s) as response:
            return response.status
    except urllib.error.HTTPError as error:
        raise PostError(f"{url} answered {error.code} {error.reason}") from None
    except (urllib.error.URLError, OSError) as error:
        reason = getattr(error, "reason", None) or error
        raise PostError(f"could not reach {url} ({reason})") from None
