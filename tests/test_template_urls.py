"""Templates build each URL once per process, and never a wrong one."""
from flask import render_template_string, url_for


def render(app, source: str, path: str = "/", **environ) -> str:
    with app.test_request_context(path, environ_overrides=environ):
        return render_template_string(source)


def test_a_url_is_built_once_and_is_the_one_flask_builds(app):
    cached = app.jinja_env.globals["url_for"]
    with app.test_request_context("/"):
        expected = url_for("contacts.show", contact_id=7)
    hits = cached.cache_info().hits
    assert render(app, "{{ url_for('contacts.show', contact_id=7) }}") == expected == "/contacts/7"
    assert render(app, "{{ url_for('contacts.show', contact_id=7) }}") == expected
    assert cached.cache_info().hits == hits + 1


def test_the_script_root_is_part_of_the_key(app):
    source = "{{ url_for('inbox.index') }} {{ url_for('static', filename='app.css') }}"
    assert render(app, source) == "/inbox /static/app.css"
    assert render(app, source, SCRIPT_NAME="/crm") == "/crm/inbox /crm/static/app.css"
    assert render(app, source) == "/inbox /static/app.css"


def test_external_anchored_relative_and_list_valued_urls_are_built_as_flask_builds_them(app):
    assert render(app, "{{ url_for('inbox.index', _external=True) }}", HTTP_HOST="a.example") == "http://a.example/inbox"
    assert render(app, "{{ url_for('inbox.index', _external=True) }}", HTTP_HOST="b.example") == "http://b.example/inbox"
    assert render(app, "{{ url_for('inbox.index', _anchor='top') }}") == "/inbox#top"
    assert render(app, "{{ url_for('.index') }}", "/inbox") == "/inbox"
    assert render(app, "{{ url_for('contacts.index', tag=['a', 'b']) }}") == "/contacts?tag=a&amp;tag=b"
