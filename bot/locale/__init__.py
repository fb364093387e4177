"""Baton's translations: gettext catalogs kept with Babel, and the tools that keep them.

`baton.pot` is extracted from the English texts in `bot/core/catalog.py`; `fr` and `de` hold
the translations (see README.md for how to add one).
"""
