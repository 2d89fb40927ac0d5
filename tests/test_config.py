"""Settings: secret key generation, prefixed environment, database selection."""

import threading

from journal import config, create_app


def test_secret_key_is_generated_once_and_kept(tmp_path):
    first = config.load_secret_key(str(tmp_path))
    assert len(first) >= 48
    assert config.load_secret_key(str(tmp_path)) == first
    assert (tmp_path / "secret_key").stat().st_mode & 0o077 == 0


def test_concurrent_first_runs_agree_on_one_key(tmp_path):
    keys = []
    threads = [threading.Thread(target=lambda: keys.append(config.load_secret_key(str(tmp_path)))) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(set(keys)) == 1
    assert [p.name for p in tmp_path.iterdir()] == ["secret_key"]


def test_database_url_selects_postgresql_with_psycopg(tmp_path):
    assert config.database_uri(str(tmp_path), "postgres://u@h/db") == "postgresql+psycopg://u@h/db"
    assert config.database_uri(str(tmp_path), "postgresql://u@h/db") == "postgresql+psycopg://u@h/db"
    assert config.database_uri(str(tmp_path), None) == f"sqlite:///{tmp_path / 'journal.sqlite'}"


def test_prefixed_environment_settings(monkeypatch, tmp_path):
    monkeypatch.setenv("JOURNAL_SECRET_KEY", "from-the-environment")
    monkeypatch.setenv("JOURNAL_MAX_CONTENT_LENGTH", "12345")
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'env.sqlite'}")
    app = create_app()
    assert app.config["SECRET_KEY"] == "from-the-environment"
    assert app.config["MAX_CONTENT_LENGTH"] == 12345
    assert app.config["SQLALCHEMY_DATABASE_URI"].endswith("env.sqlite")


def test_only_server_connections_are_tested_before_use(tmp_path):
    """A pooled PostgreSQL connection may have outlived a server restart; a SQLite file's cannot."""
    from journal.extensions import db

    for uri, pinged in ((f"sqlite:///{tmp_path / 'a.sqlite'}", False), ("postgresql+psycopg://u@127.0.0.1:1/x", True)):
        app = create_app({"SECRET_KEY": "test", "SQLALCHEMY_DATABASE_URI": uri})
        with app.app_context():
            assert db.engine.pool._pre_ping is pinged, uri
    kept = create_app(
        {
            "SECRET_KEY": "test",
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'b.sqlite'}",
            "SQLALCHEMY_ENGINE_OPTIONS": {"pool_pre_ping": True},
        }
    )
    with kept.app_context():
        assert db.engine.pool._pre_ping is True  # an explicit setting wins
