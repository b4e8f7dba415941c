"""Paging as every listing of the portal does it: public, manager portal and dashboard."""


class NearestPageMixin:
    """For list views: pages numbered ``?halaman=N``.

    A page out of range or not a number shows the nearest one (``Paginator.get_page``)
    instead of a 404, so an old or hand-edited link still lands somewhere useful.
    """

    page_kwarg = "halaman"

    def paginate_queryset(self, queryset, page_size):
        paginator = self.get_paginator(queryset, page_size)
        page = paginator.get_page(self.request.GET.get(self.page_kwarg))
        return paginator, page, page.object_list, page.has_other_pages()
