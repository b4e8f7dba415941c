"""Moving a model from one app to another without touching its table or rows.

The old app's migration drops the model from its state, the new app's migration adds it to
its own state under the same ``db_table`` (``SeparateDatabaseAndState``, no SQL), and
``content_type_moved`` carries the content type over, so that the permissions, admin log
entries and history that point at it keep pointing at it.
"""

from django.db import migrations


def content_type_moved(model: str, *, from_app: str, to_app: str) -> migrations.RunPython:
    """The migration operation that relabels ``model``'s content type from ``from_app`` to
    ``to_app`` (and back when unapplied). A fresh database has no such row yet: Django makes
    it after the last migration, under the new label."""

    def relabel(old_app: str, new_app: str):
        def run(apps, schema_editor):
            ContentType = apps.get_model("contenttypes", "ContentType")
            rows = ContentType.objects.using(schema_editor.connection.alias)
            if not rows.filter(app_label=new_app, model=model).exists():
                rows.filter(app_label=old_app, model=model).update(app_label=new_app)

        return run

    return migrations.RunPython(relabel(from_app, to_app), relabel(to_app, from_app))
