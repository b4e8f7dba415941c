"""Gunicorn settings for the web container (``gunicorn fkblkk.wsgi -c gunicorn.conf.py``)."""

import environ

env = environ.Env()

# Inside the container every interface is the container's own; compose publishes the port.
bind = ["0.0.0.0:8000"]  # noqa: S104
workers = env.int("WEB_CONCURRENCY", default=3)
# Heartbeat files in memory: a container's overlay filesystem can stall workers.
worker_tmp_dir = "/dev/shm"  # noqa: S108
# Recycle workers now and then so that a slow leak never grows into an outage.
max_requests = 1000
max_requests_jitter = 100
# Compose starts, stops and restarts the container; nothing uses gunicornc inside it.
control_socket_disable = True

accesslog = "-"
# Control characters in a logged value are escaped: a line break in a path forges no line.
logger_class = "core.access_log.EscapedAccessLogger"
# %(U)s is the path without its query string, which may carry a NIK or a phone number.
access_log_format = '%(h)s "%(m)s %(U)s %(H)s" %(s)s %(b)s %(M)sms'
