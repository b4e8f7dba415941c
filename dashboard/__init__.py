"""The Disnaker dashboard (/dasbor/): every indicator of ``dashboard.indicators`` with filters
kept in the URL, the lists behind the figures, and exports of them made in the background.

Only Disnaker and the secretariat (superusers count as secretariat) may read it
(``access``). The figures come from the indicator functions alone, in a fixed number of
queries, and are cached until a row behind them changes (``figures.forget_dashboard_figures``,
connected in ``dashboard.apps``); ``views`` shows them and the lists behind them.
"""
