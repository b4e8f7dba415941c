"""sitemap.xml: the public pages search engines should find."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from alumni.models import Enterprise
from institutions.models import Institution
from trainings.models import TrainingProgram


class StaticPagesSitemap(Sitemap):
    """Pages that exist once, whatever the data.

    Partners have no pages of their own (each is an anchor on the partners page), so the
    partners page stands for them all.
    """

    changefreq = "daily"
    url_names = (
        "home",
        "about",
        "trainings:program-list",
        "institutions:institution-list",
        "alumni:enterprise-list",
        "partnerships:partner-list",
    )

    def items(self):
        return self.url_names

    def location(self, item):
        return reverse(item)


class PublicObjectsSitemap(Sitemap):
    """The page of every object a visitor may see, with when it last changed.

    ``public_objects`` returns the queryset; pages are addressed by slug, so one query per
    sitemap page reads only the slug and the change time.
    """

    changefreq = "weekly"

    def __init__(self, public_objects):
        self.public_objects = public_objects

    def items(self):
        return self.public_objects().only("slug", "updated_at").order_by("pk")

    def lastmod(self, obj):
        return obj.updated_at


SITEMAPS = {
    "pages": StaticPagesSitemap(),
    "programs": PublicObjectsSitemap(TrainingProgram.objects.public),
    "institutions": PublicObjectsSitemap(Institution.objects.public),
    "enterprises": PublicObjectsSitemap(Enterprise.objects.published),
}
