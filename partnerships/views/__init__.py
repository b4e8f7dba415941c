"""Pages of the partnerships app: ``public`` for visitors; partners are kept in the admin."""
