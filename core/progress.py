"""A background job's progress as the JSON that static/js/import_progress.js polls (the
participant import's and the dashboard export's pages)."""

from django.http import JsonResponse


def job_progress_response(job, **details) -> JsonResponse:
    """``job`` needs ``status``, ``percent``, ``is_finished`` and ``get_absolute_url``;
    ``details`` are the job's own fields the page shows besides."""
    return JsonResponse(
        {
            "status": job.status,
            "status_label": str(job.get_status_display()),
            "percent": job.percent,
            "done": job.is_finished,
            "url": job.get_absolute_url(),
            **details,
        },
        headers={"Cache-Control": "no-store"},
    )
