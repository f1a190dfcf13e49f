"""gunicorn settings: ``gunicorn -c python:portal.gunicorn portal.wsgi`` (``make serve``)."""

import multiprocessing
import os

bind = os.environ.get("BIND", "127.0.0.1:8000")
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1))
worker_class = "sync"
max_requests = 2000  # recycle workers now and then: bounds any slow memory growth
max_requests_jitter = 200
timeout = 30
graceful_timeout = 20
keepalive = 5
accesslog = "-"  # logs to stdout
errorlog = "-"
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
