"""Pages of the trainings app: ``public`` for visitors, ``manager`` for the manager portal."""
