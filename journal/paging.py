"""Pages of results without counting them all: fetch one row more than a page to know if there is a next."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa

from journal.extensions import db

MAX_PAGE = 1_000_000  # past any real list; keeps OFFSET inside 64 bits whatever the URL says


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


def page_number(value: Any) -> int:
    """A page number from a URL: 1 for anything that is not a usable positive number."""
    try:
        number = int(value)
    except (TypeError, ValueError):
        return 1
    return min(max(number, 1), MAX_PAGE)


def page_of(query: sa.Select, page: int, per_page: int, scalars: bool = True) -> Page:
    """Page ``page`` (from 1) of a query's results: ORM objects (``scalars``) or rows."""
    page = page_number(page)
    windowed = query.limit(per_page + 1).offset((page - 1) * per_page)
    result = db.session.execute(windowed)
    found = (result.scalars() if scalars else result).all()
    return Page(found[:per_page], page, len(found) > per_page)
