"""Pages of the trainings app: ``public`` for visitors, the rest for the manager portal."""
