"""Sign up, log in, log out."""

from flask import Blueprint, current_app, flash, redirect, request, session, url_for
from flask_limiter.util import get_remote_address
from flask_login import current_user, logout_user
from sqlalchemy.exc import IntegrityError

from journal.auth import services
from journal.auth.forms import LoginForm, SignupForm, normalise_email
from journal.auth.sessions import log_in
from journal.extensions import db, limiter
from journal.http import render_form, safe_next
from journal.invites.services import accept_pending

bp = Blueprint("auth", __name__)


def _account_key() -> str:
    return "login-account:" + (normalise_email(request.form.get("email")) or "")


def _failed(response) -> bool:
    return response.status_code != 302


@bp.route("/signup", methods=["GET", "POST"])
@limiter.limit(
    lambda: current_app.config["SIGNUP_LIMIT_PER_ADDRESS"],
    methods=["POST"],
    key_func=get_remote_address,
    scope="signup-address",
)
def signup():
    """Create an account and log it in."""
    form = SignupForm()
    if current_user.is_authenticated and request.method == "GET":
        return redirect(url_for("home.index"))
    if form.validate_on_submit():
        try:
            user = services.create_user(form.name.data, form.email.data, form.password.data, form.role.data)
            log_in(user)
        except IntegrityError:  # the same email signed up a moment ago
            db.session.rollback()
            form.email.errors.append("An account with this email already exists. Log in instead.")
            return render_form("auth/signup.html", form)
        flash(f"Welcome, {user.name}. Your account is ready.", "success")
        return _after_login(user)
    return render_form("auth/signup.html", form)


@bp.route("/login", methods=["GET", "POST"])
@limiter.limit(
    lambda: current_app.config["LOGIN_LIMIT_PER_ADDRESS"],
    methods=["POST"],
    key_func=get_remote_address,
    scope="login-address",
)
@limiter.limit(
    lambda: current_app.config["LOGIN_LIMIT_PER_ACCOUNT"],
    methods=["POST"],
    key_func=_account_key,
    scope="login-account",
    deduct_when=_failed,
)
def login():
    """Log in with email and password; both kinds of failure get one answer."""
    form = LoginForm()
    if current_user.is_authenticated and request.method == "GET":
        return redirect(url_for("home.index"))
    if form.validate_on_submit():
        user = services.authenticate(form.email.data, form.password.data)
        if user is not None:
            log_in(user)
            return _after_login(user)
        form.password.errors.append("Incorrect email or password.")
    return render_form("auth/login.html", form)


@bp.post("/logout")
def logout():
    """End the session on the server as well as in the browser."""
    if current_user.is_authenticated:
        services.end_session(current_user.session_token)
        db.session.commit()
    logout_user()
    session.clear()
    flash("You are logged out.", "info")
    return redirect(url_for("home.index"))


def _after_login(user):
    if accept_pending(user):
        return redirect(url_for("recruiters.index"))
    return redirect(safe_next(request.args.get("next")) or url_for("home.index"))
