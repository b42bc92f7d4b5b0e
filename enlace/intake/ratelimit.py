"""Per-client sliding-window rate limit for the public endpoints.

Kept in memory: exact for one process; with several web workers each enforces the limit on its
own share (a shared store such as the database would be needed for a strict global limit).
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict, deque

from enlace.intake.errors import RateLimitedError
from enlace.messages import N_

WINDOW_SECONDS = 60.0
MAX_CLIENTS = 100_000  # bounded memory: the least recently seen clients are forgotten first


class SlidingWindowLimiter:
    def __init__(self, limit: int, window: float = WINDOW_SECONDS) -> None:
        self.limit = limit
        self.window = window
        self._hits: OrderedDict[str, deque[float]] = OrderedDict()
        self._lock = threading.Lock()

    def hit(self, client: str, now: float | None = None) -> None:
        """Count one request from ``client``; raise RateLimitedError past the limit."""
        now = time.monotonic() if now is None else now
        with self._lock:
            hits = self._hits.pop(client, None) or deque()
            while hits and hits[0] <= now - self.window:
                hits.popleft()
            self._hits[client] = hits
            if len(self._hits) > MAX_CLIENTS:
                self._hits.popitem(last=False)
            if len(hits) >= self.limit:
                retry = max(1, int(hits[0] + self.window - now) + 1)
                raise RateLimitedError(
                    N_("Too many submissions from this connection; please wait a minute"),
                    details={"retry_after": retry},
                )
            hits.append(now)
