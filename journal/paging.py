"""Pages of results without counting them all: fetch one row more than a page to know if there is a next."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa

from journal.extensions import db


@dataclass(frozen=True)
class Page:
    items: list[Any]
    page: int
    has_next: bool
    pages: int | None = None  # unknown: counting every row would cost more than the page itself

    @property
    def has_prev(self) -> bool:
        return self.page > 1

    @property
    def prev_num(self) -> int:
        return self.page - 1

    @property
    def next_num(self) -> int:
        return self.page + 1


def page_of(query: sa.Select, page: int, per_page: int, rows: bool = False, params: dict | None = None) -> Page:
    """Page ``page`` (from 1) of a query's results: objects, or plain rows with ``rows=True``;
    ``params`` for the query's bind parameters."""
    page = max(1, page)
    fetch = db.session.execute if rows else db.session.scalars
    found = list(fetch(query.limit(per_page + 1).offset((page - 1) * per_page), params))
    return Page(found[:per_page], page, len(found) > per_page)
