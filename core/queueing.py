"""The one seam through which services hand work to Celery tasks.

Tasks call services; a service never imports its app's ``tasks`` module, which would make the
two import each other. It names the task instead, by the dotted path that is also the task's
Celery name, and the task is looked up when the work is queued.
"""

from django.db import transaction
from django.utils.module_loading import import_string


def queue_after_commit(task_name: str, *args, robust: bool = True) -> None:
    """Queue the task ``task_name`` (``"trainings.tasks.import_participants"``) with ``args``
    once the current transaction commits, so the task finds the rows it is given; at once
    outside a transaction. Without a broker (``CELERY_TASK_ALWAYS_EAGER``) it runs right there.

    ``robust``: a broker (or, run in-process, a mail server) that is down must not turn work
    that is already stored into an error page; Django logs the failure instead. A service run
    by a task passes ``robust=False``, so that the failure fails the task, where it is seen.
    """

    def queue():
        import_string(task_name).delay(*args)

    queue.__qualname__ = f"queue_after_commit({task_name})"
    transaction.on_commit(queue, robust=robust)
