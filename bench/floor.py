"""The floor: the same 50 inbox rows read with the database driver alone, one precompiled template.

No Flask, no ORM, no sessions: the fastest this page could possibly be on this machine.
"""

import os

from jinja2 import Template

URL = os.environ["BENCH_FLOOR_DB"]
RECRUITER = int(os.environ["BENCH_FLOOR_RECRUITER"])
SQL = (
    "SELECT d.id, d.read_at, d.superseded, u.candidate_name, u.issued_at, u.summary "
    "FROM deliveries d JOIN updates u ON u.id = d.update_id WHERE d.recruiter_id = {p} "
    "ORDER BY d.id DESC LIMIT 50"
)
TEMPLATE = Template(
    """<!doctype html><html><body><ul>{% for r in rows %}<li class="{{ 'unread' if not r[1] }}">
<a href="/inbox/{{ r[0] }}">{{ r[3] }}</a> {{ r[4] }} {{ r[5] }}</li>{% endfor %}</ul></body></html>""",
    autoescape=True,
)

if URL.startswith("sqlite:///"):
    import sqlite3

    _connection = sqlite3.connect(URL[len("sqlite:///") :], check_same_thread=False)
    _query = SQL.format(p="?")
else:
    import psycopg

    _connection = psycopg.connect(URL.replace("postgresql+psycopg://", "postgresql://"), autocommit=True)
    _query = SQL.format(p="%s")


def app(environ, start_response):
    """WSGI: read the rows, render, answer."""
    rows = _connection.execute(_query, (RECRUITER,)).fetchall()
    body = TEMPLATE.render(rows=rows).encode()
    start_response("200 OK", [("Content-Type", "text/html; charset=utf-8"), ("Content-Length", str(len(body)))])
    return [body]
