"""Rows of the busiest lists, each rendered once per process for the values it shows.

A row of the Inbox or of the contact list is a pure function of its columns, so its HTML is
kept in an LRU keyed by every one of them (and the values the template shares between
rows): rendering 50 rows through a template loop was a fifth of such a page.
"""
from __future__ import annotations

from functools import lru_cache
from typing import Any, Iterable

from flask import current_app
from markupsafe import Markup

ROWS_KEPT = 20_000  # rows of about 0.5 KB: 10 MB at most per process


def rows_html(template: str, rows: Iterable[Any], **shared: Any) -> Markup:
    """Each row (a named tuple or SQLAlchemy Row) through ``template``, which sees it as ``row``."""
    common = tuple(sorted(shared.items()))
    return Markup("").join(_row(template, common, row._fields, tuple(map(_hashable, row))) for row in rows)


def _hashable(value: Any) -> Any:
    return tuple(value) if isinstance(value, list) else value  # JSON lists


@lru_cache(maxsize=ROWS_KEPT)
def _row(template: str, common: tuple, names: tuple[str, ...], values: tuple) -> Markup:
    return Markup(current_app.jinja_env.get_template(template).render(row=dict(zip(names, values)), **dict(common)))
