from django.apps import AppConfig
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils.translation import gettext_lazy as _


class ApiConfig(AppConfig):
    name = "api"
    verbose_name = _("API data terbuka")

    def ready(self):
        from trainings.summaries import program_summaries_refreshed

        from . import freshness

        # The API's Last-Modified: any write to a domain app's rows, bulk paths included.
        for signal in (post_save, post_delete, m2m_changed):
            signal.connect(freshness.note_domain_write, dispatch_uid="api-freshness")
        program_summaries_refreshed.connect(freshness.note_data_changed)
