"""Logs that stay readable while a service is down."""

import logging
import threading
import time


class OncePerInterval(logging.Filter):
    """One record per ``seconds`` gets through, saying how many like it were held back meanwhile.

    With Redis down, every cache call fails open and django-redis logs it: thousands of tracebacks a
    second under load, which bury everything else. The first keeps its traceback; then one line per
    interval says that it goes on, and how often.
    """

    def __init__(self, seconds=10):
        super().__init__()
        self.seconds = seconds
        self._lock = threading.Lock()
        self.reset()

    def reset(self):
        with self._lock:
            self._next_at, self._held = 0.0, 0

    def filter(self, record):
        now = time.monotonic()
        with self._lock:
            if now < self._next_at:
                self._held += 1
                return False
            held, self._held, self._next_at = self._held, 0, now + self.seconds
        if held:
            record.msg = f"{record.msg} ({held} more like it since the last one logged)"
            record.exc_info = None  # the first one carried the traceback
        return True
