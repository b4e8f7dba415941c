"""The dashboard's indicators (``fkblkk.indicators``), the same figures as on /dasbor/."""

ROUTES = []
