"""Journal pages: timeline, new/edit/delete entry, JSON Resume export and import."""

import json

from flask import (
    Blueprint,
    Response,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_login import current_user

from journal.auth.sessions import role_required
from journal.domain.entries import (
    KINDS,
    KINDS_BY_CODE,
    group_by_year,
    kind_label,
    resolve_shared,
    shared_default,
)
from journal.domain.jsonresume import ResumeError, parse_resume
from journal.extensions import db
from journal.http import confirmed, page_or_fragment, render_form
from journal.journal import services
from journal.journal.forms import EntryForm, ImportForm
from journal.models import CANDIDATE
from journal.paging import page_number
from journal.recruiters.forms import fresh_notify_form
from journal.recruiters.services import has_links
from journal.templating import format_date

bp = Blueprint("journal", __name__, url_prefix="/journal")


@bp.get("")
@role_required(CANDIDATE)
def index():
    """The timeline grouped by year, newest first, 50 entries a page; htmx asks for the timeline
    alone when filtering."""
    kind = request.args.get("kind") or None
    if kind not in KINDS_BY_CODE:
        kind = None
    page = services.entries_page(current_user, kind, page_number(request.args.get("page")))
    return page_or_fragment(
        "journal/index.html",
        "journal/_timeline.html",
        "journal-timeline",
        page=page,
        years=group_by_year(page.items),
        kind=kind,
        kinds=KINDS,
        notify_form=fresh_notify_form(),
        has_recruiters=has_links(current_user),
    )


@bp.get("/<int:entry_id>")
@role_required(CANDIDATE)
def show(entry_id: int):
    """One entry with its rendered details."""
    return render_template("journal/show.html", entry=services.entry_of(current_user, entry_id))


@bp.route("/new", methods=["GET", "POST"])
@role_required(CANDIDATE)
def new():
    """Add an entry; the share box starts at the kind's privacy default."""
    kind = request.args.get("kind") if request.args.get("kind") in KINDS_BY_CODE else "role"
    form = EntryForm(data={"kind": kind, "shared": shared_default(kind), "shown_for": kind})
    return _save(form, None)


@bp.route("/<int:entry_id>/edit", methods=["GET", "POST"])
@role_required(CANDIDATE)
def edit(entry_id: int):
    """Edit an entry."""
    entry = services.entry_of(current_user, entry_id)
    form = EntryForm(obj=entry, data={"shown_for": entry.kind})
    return _save(form, entry)


def _save(form: EntryForm, entry):
    if form.validate_on_submit():
        values = {name: getattr(form, name).data for name in services.ENTRY_FIELDS}
        values["shared"] = resolve_shared(form.kind.data, form.shown_for.data or None, form.shared.data)
        values["employer"] = values["employer"] or ""
        values["currency"] = values["currency"] or ""
        values["details"] = values["details"] or ""
        saved = services.save_entry(current_user, entry, values, form.update_profile.data)
        db.session.commit()
        flash("Entry saved." if saved.shared else "Entry saved. It is private: only you can see it.", "success")
        return redirect(url_for("journal.index"))
    return render_form("journal/form.html", form, entry=entry, kinds=KINDS)


@bp.route("/<int:entry_id>/delete", methods=["GET", "POST"])
@role_required(CANDIDATE)
def delete(entry_id: int):
    """Ask for confirmation (GET), then delete (POST)."""
    entry = services.entry_of(current_user, entry_id)

    def delete_entry():
        db.session.delete(entry)
        db.session.commit()
        flash("Entry deleted.", "success")
        return redirect(url_for("journal.index"))

    return confirmed(
        delete_entry,
        heading="Delete this entry?",
        button="Delete entry",
        text=f"“{entry.title}” ({kind_label(entry.kind)}, {format_date(entry.date)}) will be removed "
        "from your journal. This cannot be undone.",
        cancel_url=url_for("journal.show", entry_id=entry.id),
    )


@bp.get("/export.json")
@role_required(CANDIDATE)
def export():
    """Download the profile and whole journal as JSON Resume."""
    body = json.dumps(services.export_resume(current_user), indent=2, ensure_ascii=False)
    return Response(
        body,
        mimetype="application/json",
        headers={"Content-Disposition": 'attachment; filename="career-journal-resume.json"'},
    )


@bp.route("/import", methods=["GET", "POST"])
@role_required(CANDIDATE)
def import_resume():
    """Import a JSON Resume file: all of it when valid, nothing when not."""
    form = ImportForm()
    errors: list[str] = []
    if form.validate_on_submit():
        try:
            imported = parse_resume(form.file.data.read())
        except ResumeError as exc:
            errors = exc.errors
        else:
            added = services.import_resume(current_user, imported)
            db.session.commit()
            flash(f"Imported {added} new {'entry' if added == 1 else 'entries'} and your profile details.", "success")
            return redirect(url_for("journal.index"))
    status = 422 if form.is_submitted() and (errors or form.errors) else 200
    return render_template("journal/import.html", form=form, errors=errors), status
