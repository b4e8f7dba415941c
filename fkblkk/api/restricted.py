"""What a token opens beyond the public data: enrollments (Disnaker, managers) and trainees
(managers), scoped by ``scoping``."""

ROUTES = []
