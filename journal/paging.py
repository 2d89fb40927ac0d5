"""Pages of results without counting them all: fetch one row more than a page to know if there is a next."""
from __future__ import annotations

import weakref
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa
from markupsafe import Markup

from journal.database import Prepared, plain_rows
from journal.extensions import db

if TYPE_CHECKING:
    from journal.rows import RowList


@dataclass(frozen=True)
class Page:
    items: list[Any]
    page: int
    has_next: bool
    pages: int | None = None  # unknown: counting every row would cost more than the page itself
    row_list: RowList | None = None  # how the items were read, and how a row is rendered

    def rows_html(self, **shared: Any) -> Markup:
        return self.row_list.html(self.items, **shared)

    @property
    def has_prev(self) -> bool:
        return self.page > 1

    @property
    def prev_num(self) -> int:
        return self.page - 1

    @property
    def next_num(self) -> int:
        return self.page + 1


# Each query with its page window as bind parameters, kept per statement object while it lives:
# a statement built once at import (the Inbox's) is windowed once and then serves every page of
# every request. Building a new statement and its cache key per request took as long as running it.
_WINDOWED: weakref.WeakKeyDictionary[sa.Select | Prepared, sa.Select | Prepared] = weakref.WeakKeyDictionary()


def _window(query: sa.Select) -> sa.Select:
    return query.limit(sa.bindparam("page_limit")).offset(sa.bindparam("page_offset"))


def _windowed(query: sa.Select | Prepared) -> sa.Select | Prepared:
    windowed = _WINDOWED.get(query)
    if windowed is None:
        windowed = Prepared(_window(query.statement)) if isinstance(query, Prepared) else _window(query)
        _WINDOWED[query] = windowed
    return windowed


def page_of(query: sa.Select | Prepared, page: int, per_page: int, rows: RowList | None = None,
            params: dict | None = None) -> Page:
    """Page ``page`` (from 1) of a query's results: objects, or, with ``rows``, the rows of a
    query selecting that RowList's columns (a Prepared one gives rows too); ``params`` for the
    query's own parameters."""
    page = max(1, page)
    params = {**(params or {}), "page_limit": per_page + 1, "page_offset": (page - 1) * per_page}
    query = _windowed(query)
    if isinstance(query, Prepared):
        found = query.rows(params)
    else:
        found = (plain_rows(query, params) if rows else db.session.scalars(query, params)).all()
    return Page(found[:per_page], page, len(found) > per_page, row_list=rows)
