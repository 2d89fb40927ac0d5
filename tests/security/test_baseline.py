"""The security baseline: headers, cookies, CSRF, request size, no state change on GET."""

import re

from tests.conftest import PASSWORD, csrf_token, post


def test_headers_on_every_response(client, accounts):
    logged_in = accounts.candidate()
    for response in (
        client.get("/"),
        client.get("/login"),
        client.get("/nope"),
        logged_in.get("/journal"),
        client.get("/static/app.css"),
    ):
        csp = response.headers["Content-Security-Policy"]
        assert "script-src 'self'" in csp and "unsafe-inline" not in csp and "unsafe-eval" not in csp
        assert "frame-ancestors 'none'" in csp
        assert response.headers["X-Content-Type-Options"] == "nosniff"
        response.close()


def test_private_pages_are_not_stored(accounts):
    client = accounts.candidate()
    for path in ("/", "/journal", "/profile", "/journal/export.json"):
        assert client.get(path).headers["Cache-Control"] == "no-store", path


def test_session_cookie_flags(client, accounts):
    response = post(
        client, "/signup", {"name": "C", "email": "cookie@example.com", "password": PASSWORD, "role": "candidate"}
    )
    cookie = response.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie


def test_state_change_without_csrf_token_is_refused(app, accounts):
    client = accounts.candidate()
    response = client.post("/profile", data={"name": "Hacked", "email": "h@example.com", "status": "open"})
    assert response.status_code == 400
    assert "Form expired" in response.get_data(as_text=True)
    assert "Hacked" not in client.get("/").get_data(as_text=True)


def test_another_sessions_token_is_refused(accounts):
    victim = accounts.candidate()
    attacker = accounts.candidate()
    stolen = csrf_token(attacker)
    response = victim.post(
        "/profile", data={"name": "Hacked", "email": "h@example.com", "status": "open", "csrf_token": stolen}
    )
    assert response.status_code == 400


def test_htmx_request_with_the_header_token_passes(accounts):
    client = accounts.candidate()
    token = csrf_token(client)
    response = client.post(
        "/profile",
        data={"name": "Via htmx", "email": "x@example.com", "status": "open"},
        headers={"X-CSRFToken": token, "HX-Request": "true"},
    )
    assert response.status_code == 302


def test_logout_without_token_is_refused(accounts):
    client = accounts.candidate()
    assert client.post("/logout").status_code == 400
    assert client.get("/journal").status_code == 200


def test_oversized_body_is_413(app, client):
    app.config["MAX_CONTENT_LENGTH"] = 64 * 1024  # small, so the test client keeps the body in memory
    response = client.post("/login", data={"email": "x" * (100 * 1024)})
    assert response.status_code == 413


def test_error_pages_are_friendly(client):
    response = client.get("/no/such/page")
    assert response.status_code == 404
    assert "There is nothing here" in response.get_data(as_text=True)


def test_htmx_config_forbids_eval_and_inline_scripts(client):
    html = client.get("/").get_data(as_text=True)
    config = re.search(r'<meta name="htmx-config" content=\'([^\']+)\'', html).group(1)
    assert '"allowEval": false' in config and '"allowScriptTags": false' in config
    assert '"historyCacheSize": 0' in config
    assert not re.search(r"<script(?![^>]*\bsrc=)", html)


def test_session_cookie_is_secure_over_https(app):
    client = app.test_client()
    response = client.get("/login", base_url="https://journal.example")
    assert "Secure" in response.headers["Set-Cookie"]
    plain = app.test_client().get("/login")
    assert "Secure" not in plain.headers["Set-Cookie"]
