"""The project's own pages, which gather several apps: ``public`` for visitors (home, about,
each BLKK's profile, health check, robots.txt) and ``manager`` for the portal's sign-in and the
manager home."""
