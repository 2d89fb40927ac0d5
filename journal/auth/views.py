"""Sign up, log in, log out; verify an address; recover a forgotten password."""

from flask import Blueprint, current_app, flash, redirect, render_template, request, session, url_for
from flask_limiter.util import get_remote_address
from flask_login import current_user, login_required, logout_user
from sqlalchemy.exc import IntegrityError

from journal.auth import recovery, services
from journal.auth.forms import ForgotPasswordForm, LoginForm, NewPasswordForm, SignupForm, normalise_email
from journal.auth.sessions import log_in
from journal.auth.tokens import RESET, VERIFY, TokenProblem, user_for
from journal.database import write_transaction
from journal.extensions import db, limiter
from journal.forms_common import ButtonForm
from journal.http import render_form, safe_next
from journal.invites.services import pending_invite

bp = Blueprint("auth", __name__)


def _per_address(setting: str, scope: str):
    """A limit, from a setting, on the POSTs of one client address."""
    return limiter.limit(
        lambda: current_app.config[setting], methods=["POST"], key_func=get_remote_address, scope=scope
    )


def _per_account(setting: str, scope: str, per_client: bool = False, **options):
    """A limit, from a setting, on the POSTs that name one email address; ``per_client``: counted
    for each client address apart, so that a stranger's failures never lock the owner out."""

    def key() -> str:
        email = normalise_email(request.form.get("email")) or ""
        return f"{scope}:{email}:{get_remote_address()}" if per_client else f"{scope}:{email}"

    return limiter.limit(lambda: current_app.config[setting], methods=["POST"], key_func=key, scope=scope, **options)


def _failed(response) -> bool:
    return response.status_code != 302


@bp.route("/signup", methods=["GET", "POST"])
@_per_address("SIGNUP_LIMIT_PER_ADDRESS", "signup-address")
def signup():
    """Create an account and log it in."""
    form = SignupForm()
    if current_user.is_authenticated and request.method == "GET":
        return redirect(url_for("home.index"))
    if form.validate_on_submit():
        try:
            user = services.create_user(form.name.data, form.email.data, form.password.data, form.role.data)
            recovery.send_verification(user)
            log_in(user)
        except IntegrityError:  # the same email signed up a moment ago
            db.session.rollback()
            form.email.errors.append("An account with this email already exists. Log in instead.")
            return render_form("auth/signup.html", form)
        flash(f"Welcome, {user.name}. Your account is ready.", "success")
        return _after_login(user)
    return render_form("auth/signup.html", form)


@bp.route("/login", methods=["GET", "POST"])
@_per_address("LOGIN_LIMIT_PER_ADDRESS", "login-address")
@_per_account("LOGIN_LIMIT_PER_ACCOUNT", "login-account", per_client=True, deduct_when=_failed)
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


@bp.post("/verify/resend")
@login_required
@limiter.limit(
    lambda: current_app.config["VERIFY_RESEND_LIMIT"],
    methods=["POST"],
    key_func=lambda: f"resend:{current_user.id}",
    scope="verify-resend",
)
def resend_verification():
    """Send the verification link again (a new one: the old ones keep working until used)."""
    if ButtonForm().validate_on_submit() and not current_user.is_verified:
        recovery.send_verification(current_user)
        db.session.commit()
        flash(f"We sent a new link to {current_user.email}.", "success")
    return redirect(safe_next(request.form.get("next")) or url_for("home.index"))


@bp.get("/verify/<token>")
def verify(token: str):
    """The link from "Verify your email": the address is proven."""
    try:
        user = user_for(VERIFY, token)
    except TokenProblem as problem:
        return render_template("auth/link_problem.html", problem=problem.message), problem.status
    with write_transaction():  # a GET that writes: it takes SQLite's write lock, as a POST does
        arrived = services.verify_email(user)
    waiting = f" {arrived} update{'s' if arrived != 1 else ''} sent to it arrived in your Inbox." if arrived else ""
    flash(f"Thank you: {user.email} is verified.{waiting}", "success")
    return redirect(url_for("home.index") if current_user.is_authenticated else url_for("auth.login"))


@bp.route("/password/forgot", methods=["GET", "POST"])
@_per_address("RESET_LIMIT_PER_ADDRESS", "reset-address")
@_per_account("RESET_LIMIT_PER_ACCOUNT", "reset-account")
def forgot_password():
    """Ask for a reset link; the answer is the same whether or not the address has an account."""
    form = ForgotPasswordForm()
    if form.validate_on_submit():
        recovery.send_password_reset(form.email.data)
        db.session.commit()
        return render_template("auth/reset_sent.html", email=form.email.data)
    return render_form("auth/forgot.html", form)


@bp.route("/password/reset/<token>", methods=["GET", "POST"])
def reset_password(token: str):
    """Set a new password from the emailed link; every session of the account ends."""
    try:
        user = user_for(RESET, token)
    except TokenProblem as problem:
        return render_template("auth/link_problem.html", problem=problem.message), problem.status
    form = NewPasswordForm(user)
    if form.validate_on_submit():
        recovery.set_password(user, form.password.data)
        if not user.is_verified:  # the link went to the address: following it proves it
            services.verify_email(user)
        db.session.commit()
        if current_user.is_authenticated and current_user.id == user.id:
            logout_user()
            session.clear()
        flash("Your new password is set, and every other session is logged out. Log in with it now.", "success")
        return redirect(url_for("auth.login"))
    return render_form("auth/reset.html", form, user=user)


def _after_login(user):
    invite = pending_invite(user)
    if invite is not None:  # ask: "Link <recruiter> as your recruiter?"
        return redirect(url_for("invites.accept", token=invite.token))
    return redirect(safe_next(request.args.get("next")) or url_for("home.index"))
