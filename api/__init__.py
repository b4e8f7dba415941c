"""The open data API, ``/api/v1/``: read-only, JSON and CSV, described by an OpenAPI schema.

- ``base``: the view classes every endpoint builds on (conditional GET, caching headers);
- ``authentication``, ``permissions``, ``throttling``: who calls, what they may read, how often;
- ``scoping``: the restricted rows a token opens, through the models' own scoping querysets;
- ``public``, ``indicators``, ``restricted``: the endpoints, each module with its ``ROUTES``;
- ``schema``, ``pagination``, ``renderers``, ``freshness``: the shared mechanics.
"""
