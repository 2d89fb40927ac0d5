"""The Inbox's rows as HTML, each rendered once per process for the values it shows.

A row is a pure function of its columns: the same delivery, read or not, renders the same
way for everyone who can see it. Rendering 50 rows through the template loop was a fifth of
the busiest page's time; looking up 50 rendered rows costs a few microseconds each.
"""
from __future__ import annotations

from functools import lru_cache

from flask import current_app, url_for
from markupsafe import Markup

ROWS_KEPT = 20_000  # a few MB at most


def inbox_rows(rows) -> Markup:
    """The <li> of each inbox row (rows from journal.inbox.services.inbox_page), in order."""
    base = url_for("inbox.index")
    return Markup("").join(_row(base, row.id, row.read_at, row.superseded, tuple(row.overwrote or ()),
                                row.candidate_name, row.issued_at, tuple(row.summary or ())) for row in rows)


@lru_cache(maxsize=ROWS_KEPT)
def _row(base, delivery_id, read_at, superseded, overwrote, candidate_name, issued_at, summary) -> Markup:
    template = current_app.jinja_env.get_template("inbox/_row.html")
    return Markup(template.render(inbox_url=base, id=delivery_id, read_at=read_at, superseded=superseded,
                                  overwrote=overwrote, candidate_name=candidate_name, issued_at=issued_at,
                                  summary=summary))
