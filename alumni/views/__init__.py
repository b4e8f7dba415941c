"""Pages of the alumni app: ``public`` for visitors, ``manager`` for the manager portal."""
