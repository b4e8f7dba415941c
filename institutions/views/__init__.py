"""Pages of the institutions app: ``public`` for visitors, ``manager`` for the manager portal."""
