"""Contact records: list, page, new, manual edit, recruiter's own fields, delete."""

from flask import (
    Blueprint,
    Response,
    flash,
    redirect,
    render_template,
    request,
    stream_with_context,
    url_for,
)
from flask_login import current_user

from journal.auth.sessions import role_required, verified_to_send
from journal.contacts import exporting, services
from journal.contacts.finding import ContactSearchForm, find_contacts, matching
from journal.contacts.forms import (
    ContactFieldsForm,
    NewContactForm,
    RecruiterFieldsForm,
)
from journal.domain.entries import join_list, split_list
from journal.domain.updates import CANDIDATE_FIELDS, LIST_FIELDS
from journal.extensions import db
from journal.followups.forms import MessageForm, TouchForm
from journal.followups.services import log_touch, touches_of
from journal.http import confirmed, page_or_fragment, render_form
from journal.messages.services import send_message, thread_of
from journal.models import RECRUITER
from journal.paging import page_number
from journal.pools.forms import PoolForm
from journal.pools.services import memberships_of, pools_of

bp = Blueprint("contacts", __name__, url_prefix="/contacts")
LISTS = (*LIST_FIELDS, "tags")  # the recruiter's tags are a list too


def _values(form, names) -> dict:
    """Form data as model values: lists split, empty text as ""."""
    values = {}
    for name in names:
        data = getattr(form, name).data
        values[name] = split_list(data) if name in LISTS else ("" if data is None and name != "cadence_days" else data)
    return values


def _form_data(contact, names) -> dict:
    data = {name: getattr(contact, name) for name in names}
    for name in LISTS:
        if name in data:
            data[name] = join_list(data[name], "\n" if name == "links" else ", ")
    return data


@bp.get("")
@role_required(RECRUITER)
def index():
    """Search and filter contacts; htmx asks for the results alone while the recruiter types."""
    form = ContactSearchForm(request.args)
    form.validate()
    page = find_contacts(current_user, form, page_number(request.args.get("page")))
    args = {k: v for k, v in request.args.items() if k != "page" and v}
    return page_or_fragment(
        "contacts/index.html", "contacts/_results.html", "contact-results", page=page, form=form, args=args
    )


@bp.get("/export.<any(csv, vcf):fmt>")
@role_required(RECRUITER)
def export(fmt: str):
    """All contacts, or those the current search and filters show, as CSV or vCard."""
    form = ContactSearchForm(request.args)
    form.validate()
    query = matching(current_user, form)
    if fmt == "csv":
        body, mimetype = exporting.csv_lines(query), "text/csv; charset=utf-8"
    else:
        body, mimetype = exporting.vcards(query), "text/vcard; charset=utf-8"
    return Response(
        stream_with_context(body),
        mimetype=mimetype,
        headers={"Content-Disposition": f'attachment; filename="contacts.{fmt}"'},
    )


@bp.route("/new", methods=["GET", "POST"])
@role_required(RECRUITER)
def new():
    """Add a contact by hand."""
    form = NewContactForm(data={"stage": "new", "cadence_days": 7})
    if form.validate_on_submit():
        contact = services.create_contact(
            current_user,
            _values(form, CANDIDATE_FIELDS),
            _values(form, services.RECRUITER_FORM_FIELDS),
            current_user.zone,
        )
        db.session.commit()
        flash(f"{contact.name} added to your contacts.", "success")
        return redirect(url_for("contacts.show", contact_id=contact.id))
    return render_form("contacts/new.html", form)


def _show(contact, form=None, touch_form=None, message_form=None):
    """The contact page; a form that failed comes back with its errors (422)."""
    failed = any(f is not None and f.errors for f in (form, touch_form, message_form))
    return render_template(
        "contacts/show.html",
        contact=contact,
        history=services.history_of(contact),
        entries=services.entries_of(contact),
        touches=touches_of(contact),
        thread=thread_of(contact),
        form=form or RecruiterFieldsForm(data=_form_data(contact, services.RECRUITER_FORM_FIELDS), formdata=None),
        touch_form=touch_form or TouchForm(formdata=None),
        message_form=message_form or MessageForm(formdata=None),
        memberships=memberships_of(contact),
        pool_form=PoolForm(formdata=None),
        pool_names=[pool.name for pool, _ in pools_of(current_user)],
    ), 422 if failed else 200


@bp.route("/<int:contact_id>", methods=["GET", "POST"])
@role_required(RECRUITER)
def show(contact_id: int):
    """The record, its history, entries, activity and messages; the recruiter's own fields are edited here."""
    contact = services.contact_of(current_user, contact_id)
    form = RecruiterFieldsForm(data=_form_data(contact, services.RECRUITER_FORM_FIELDS))
    if form.validate_on_submit():
        services.save_own_fields(contact, _values(form, services.RECRUITER_FORM_FIELDS), current_user.zone)
        db.session.commit()
        flash("Your notes and pipeline details are saved.", "success")
        return redirect(url_for("contacts.show", contact_id=contact.id))
    return _show(contact, form=form if form.is_submitted() else None)


@bp.post("/<int:contact_id>/touch")
@role_required(RECRUITER)
def touch(contact_id: int):
    """Log a call, email, meeting or message: the follow-up clock starts again."""
    contact = services.contact_of(current_user, contact_id)
    form = TouchForm()
    if not form.validate_on_submit():
        return _show(contact, touch_form=form)
    log_touch(contact, form.kind.data, form.note.data, current_user.zone)
    db.session.commit()
    flash(f"Touch logged. Next follow-up: {contact.next_follow_up or 'none'}.", "success")
    return redirect(url_for("contacts.show", contact_id=contact.id))


@bp.post("/<int:contact_id>/message")
@role_required(RECRUITER)
@verified_to_send
def message(contact_id: int):
    """Send the candidate a message (and log it as a touch)."""
    contact = services.contact_of(current_user, contact_id)
    form = MessageForm()
    if not form.validate_on_submit():
        return _show(contact, message_form=form)
    sent = send_message(current_user, contact, form.body.data)
    log_touch(contact, "message", form.body.data, current_user.zone)
    db.session.commit()
    where = "in their Career Journal" if sent.candidate_id else ""
    where += (" and " if where else "") + ("by email" if contact.email else "")
    flash(f"Message sent {where or 'nowhere: the contact has no email and no account'}.", "success")
    return redirect(url_for("contacts.show", contact_id=contact.id))


@bp.route("/<int:contact_id>/edit", methods=["GET", "POST"])
@role_required(RECRUITER)
def edit(contact_id: int):
    """Correct the candidate-owned fields by hand (kept in history; a later update wins)."""
    contact = services.contact_of(current_user, contact_id)
    form = ContactFieldsForm(data=_form_data(contact, CANDIDATE_FIELDS))
    if form.validate_on_submit():
        count = services.edit_fields(contact, _values(form, CANDIDATE_FIELDS))
        db.session.commit()
        flash(f"{count} field{'s' if count != 1 else ''} changed." if count else "Nothing changed.", "success")
        return redirect(url_for("contacts.show", contact_id=contact.id))
    return render_form("contacts/edit.html", form, contact=contact)


@bp.route("/<int:contact_id>/delete", methods=["GET", "POST"])
@role_required(RECRUITER)
def delete(contact_id: int):
    """Confirm, then delete a contact and its history."""
    contact = services.contact_of(current_user, contact_id)
    name = contact.name or contact.email

    def delete_contact():
        services.delete_contact(contact)
        db.session.commit()
        flash(f"{name} deleted.", "success")
        return redirect(url_for("contacts.index"))

    return confirmed(
        delete_contact,
        heading=f"Delete {name}?",
        button="Delete contact",
        text="The record, its history and your notes will be removed. If the candidate sends you "
        "another update, a new record is created.",
        cancel_url=url_for("contacts.show", contact_id=contact.id),
    )
