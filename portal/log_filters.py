"""Logs that stay readable while a service is down."""

import logging
import threading
import time


class OncePerInterval(logging.Filter):
    """One record per ``seconds`` gets through, saying how many like it were held back meanwhile.

    With Redis down, every cache call fails open and django-redis logs it: thousands of tracebacks a
    second under load, which bury everything else. The first keeps its traceback; then one line per
    interval says that it goes on, and how often. A database outage is the same: every request's 503
    logs one.

    With ``status_code``, only the records of responses with that status are held back (Django's
    ``django.request`` logs every 5xx: the outage's 503s are held, a bug's 500 always gets through).
    """

    def __init__(self, seconds=10, status_code=None):
        super().__init__()
        self.seconds = seconds
        self.status_code = status_code
        self.clock = time.monotonic
        self._lock = threading.Lock()
        self.reset()

    def reset(self):
        with self._lock:
            self._next_at, self._held = 0.0, 0

    def filter(self, record):
        if self.status_code is not None and getattr(record, "status_code", None) != self.status_code:
            return True
        now = self.clock()
        with self._lock:
            if now < self._next_at:
                self._held += 1
                return False
            held, self._held, self._next_at = self._held, 0, now + self.seconds
        if held:
            record.msg = f"{record.msg} ({held} more like it since the last one logged)"
            record.exc_info = None  # the first one carried the traceback
        return True
