"""Participants counted by domicile: in Kabupaten Tangerang or elsewhere in Indonesia."""

from django.db import migrations, models


def fill_domicile_counts(apps, schema_editor):
    """Recount every program, so the new columns hold full figures from the start."""
    from trainings import summaries

    programs = apps.get_model("trainings", "TrainingProgram").objects.using(
        schema_editor.connection.alias
    )
    rows = summaries.count_programs(programs.all())
    summaries.save_summaries(apps.get_model("trainings", "ProgramSummary"), rows)


class Migration(migrations.Migration):
    dependencies = [
        ("trainings", "0005_enrollment_two_certificates"),
    ]

    operations = [
        migrations.AddField(
            model_name="programsummary",
            name="domicile_home",
            field=models.PositiveIntegerField(
                default=0, verbose_name="tinggal di Kabupaten Tangerang"
            ),
        ),
        migrations.AddField(
            model_name="programsummary",
            name="domicile_elsewhere",
            field=models.PositiveIntegerField(
                default=0, verbose_name="tinggal di luar Kabupaten Tangerang"
            ),
        ),
        migrations.RunPython(fill_domicile_counts, migrations.RunPython.noop),
    ]
