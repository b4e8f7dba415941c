"""This app's pages of the manager portal, for the role matrix (see tests/manager_portal.py)."""

from tests.manager_portal import ManagerPage

PAGES: list[ManagerPage] = []
