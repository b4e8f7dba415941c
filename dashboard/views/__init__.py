"""The dashboard's pages, all for Disnaker and the secretariat (``access``): ``indicators`` (the
figures and the lists behind them) and ``exports`` (files of them made in the background)."""
