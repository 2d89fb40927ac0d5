"""Career Journal: the application factory."""

from __future__ import annotations

import os
from typing import Any

from flask import Flask
from werkzeug.routing import IntegerConverter, UnicodeConverter, ValidationError

from journal import config
from journal.extensions import csrf, db, limiter, login_manager, migrate


def create_app(test_config: dict[str, Any] | None = None) -> Flask:
    """Create and configure an app: defaults, then instance/config.py, then JOURNAL_* env vars."""
    app = Flask(
        __name__,
        instance_relative_config=True,
        template_folder="../templates",
        static_folder="../static",
    )
    app.config.from_mapping(config.DEFAULTS)
    if test_config is None:
        app.config.from_pyfile("config.py", silent=True)
        app.config.from_prefixed_env("JOURNAL")
    else:
        app.config.from_mapping(test_config)
    app.config["SQLALCHEMY_DATABASE_URI"] = app.config.get("SQLALCHEMY_DATABASE_URI") or config.database_uri(
        app.instance_path, app.config.get("DATABASE_URL") or os.environ.get("DATABASE_URL")
    )
    app.config.setdefault("SQLALCHEMY_ENGINE_OPTIONS", config.engine_options(app.config["SQLALCHEMY_DATABASE_URI"]))
    if not app.config.get("SECRET_KEY"):
        app.config["SECRET_KEY"] = config.load_secret_key(app.instance_path)

    _init_extensions(app)
    app.url_map.converters.update(int=IdConverter, default=TextConverter, string=TextConverter)
    _register_blueprints(app)
    from journal import cli, security, templating

    security.init_app(app)
    templating.init_app(app)
    cli.init_app(app)
    return app


class IdConverter(IntegerConverter):
    """``<int:…>`` in routes: an id beyond what an integer column holds is no object's, so the URL
    does not match (404) instead of overflowing the database."""

    def __init__(self, url_map, *args, **kwargs):
        kwargs.setdefault("max", 2**31 - 1)
        super().__init__(url_map, *args, **kwargs)


class TextConverter(UnicodeConverter):
    """``<token>`` in routes: no control characters (PostgreSQL refuses NUL in text), so such a
    URL does not match (404)."""

    def to_python(self, value: str) -> str:
        if not value.isprintable():
            raise ValidationError()
        return value


def _init_extensions(app: Flask) -> None:
    db.init_app(app)
    from journal.search import include_object

    migrate.init_app(
        app,
        db,
        directory=os.path.join(os.path.dirname(__file__), os.pardir, "migrations"),
        render_as_batch=True,
        include_object=include_object,
    )
    csrf.init_app(app)
    limiter.init_app(app)
    login_manager.init_app(app)
    with app.app_context():
        if db.engine.dialect.name == "sqlite":
            from journal.database import checkpoint_after_responses, configure_sqlite

            configure_sqlite(db.engine, app.config["SQLITE_BUSY_TIMEOUT"])
            checkpoint_after_responses(app, db.engine)


def _register_blueprints(app: Flask) -> None:
    from journal.auth.views import bp as auth_bp
    from journal.claims.views import bp as claims_bp
    from journal.contacts.views import bp as contacts_bp
    from journal.followups.views import bp as followups_bp
    from journal.home import bp as home_bp
    from journal.imports.views import bp as imports_bp
    from journal.inbox.views import bp as inbox_bp
    from journal.invites.views import bp as invites_bp
    from journal.journal.views import bp as journal_bp
    from journal.messages.views import bp as messages_bp
    from journal.pools.views import bp as pools_bp
    from journal.profile.views import bp as profile_bp
    from journal.recruiters.views import bp as recruiters_bp
    from journal.settings import bp as settings_bp

    for bp in (
        home_bp,
        auth_bp,
        profile_bp,
        journal_bp,
        recruiters_bp,
        inbox_bp,
        contacts_bp,
        invites_bp,
        claims_bp,
        settings_bp,
        followups_bp,
        messages_bp,
        pools_bp,
        imports_bp,
    ):
        app.register_blueprint(bp)
