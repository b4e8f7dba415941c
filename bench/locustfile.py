"""One page under load, for ``bench/pages.py``: it runs locust once per page.

The page comes from the environment, as JSON in ``BENCH_PAGE`` (``pages.locust_settings``):
its ``name`` in locust's statistics and its ``path``; ``login`` and ``password`` when each
locust user signs in once, through the portal's login form, before its timed requests;
``cold_key`` and ``redis_url`` when that cache key is deleted before every request, so that
each request computes the page afresh (the deletion is not part of the timing);
``authorization`` when every request carries that header (an API token).

The timing starts once all ``users`` have signed in and warmed the page up: the statistics
are reset then, and the run stops ``seconds`` later, or once ``min_requests`` were answered
if that takes longer (a slow cold page).

Every answer other than a 2xx counts as a failure; redirects are not followed, so a lost
session (a redirect to the login page) shows as one.
"""

import json
import os

import gevent
import redis
from locust import HttpUser, constant, task
from locust.exception import StopUser

PAGE = json.loads(os.environ.get("BENCH_PAGE", '{"name": "healthz", "path": "/healthz"}'))
LOGIN_PATH = "/pengelola/masuk/"
ready_users = 0


def start_timing(environment):
    """Forget the sign-ins and warm-up requests, and stop the run when its time is up."""
    environment.stats.reset_all()

    def stop():
        gevent.sleep(PAGE.get("seconds", 30))
        while environment.stats.total.num_requests < PAGE.get("min_requests", 1):
            gevent.sleep(0.2)
        environment.runner.quit()

    gevent.spawn(stop)


class PageVisitor(HttpUser):
    # No think time: each user asks again as soon as it has its answer (a closed loop).
    wait_time = constant(0)

    def on_start(self):
        self.cold_key = PAGE.get("cold_key")
        self.headers = {"Authorization": PAGE["authorization"]} if PAGE.get("authorization") else {}
        self.cache = redis.Redis.from_url(PAGE["redis_url"]) if self.cold_key else None
        if PAGE.get("login"):
            self.log_in(PAGE["login"], PAGE["password"])
        if not self.cold_key:
            # Fills the page's cache before the timed requests; reported under its own name.
            self.client.get(
                PAGE["path"], name="warm-up", headers=self.headers, allow_redirects=False
            )
        global ready_users
        ready_users += 1
        if ready_users == PAGE.get("users", 1):
            start_timing(self.environment)

    def log_in(self, username, password):
        self.client.get(LOGIN_PATH, name="login")
        with self.client.post(
            LOGIN_PATH,
            data={
                "username": username,
                "password": password,
                "csrfmiddlewaretoken": self.client.cookies.get("csrftoken", ""),
            },
            headers={"Referer": self.host + LOGIN_PATH},
            name="login",
            allow_redirects=False,
            catch_response=True,
        ) as response:
            # A successful sign-in redirects; a refused one shows the form again (200).
            if response.status_code != 302:
                response.failure(f"sign-in as {username} refused ({response.status_code})")
                raise StopUser

    @task
    def page(self):
        if self.cache is not None:
            self.cache.delete(self.cold_key)
        with self.client.get(
            PAGE["path"],
            name=PAGE["name"],
            headers=self.headers,
            allow_redirects=False,
            catch_response=True,
        ) as response:
            if not 200 <= response.status_code < 300:
                response.failure(f"HTTP {response.status_code}")
