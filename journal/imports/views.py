"""Import contacts: upload, map columns, watch the check, read the preview, import."""

from flask import (
    Blueprint,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_login import current_user

from journal.auth.sessions import role_required
from journal.domain.entries import split_list
from journal.domain.import_files import ImportFileError
from journal.extensions import db
from journal.forms_common import ButtonForm
from journal.http import confirmed, is_fragment_request, render_form
from journal.imports import runner, services
from journal.imports.checking import choose_mapping, create_job
from journal.imports.forms import UploadForm, mapping_form
from journal.models import RECRUITER
from journal.models.imports import IMPORTING, MAPPING, READY, RUNNING
from journal.paging import Page, page_number

bp = Blueprint("imports", __name__, url_prefix="/contacts/import")
STATUS_ID = "import-status"


@bp.url_value_preprocessor
def allow_large_uploads(endpoint, values):
    """The upload takes files larger than other requests. This runs before any before_request
    function, so the limit is in place before the CSRF check reads the body."""
    if endpoint == "imports.index":
        request.max_content_length = current_app.config["IMPORT_MAX_BYTES"]


@bp.route("", methods=["GET", "POST"])
@role_required(RECRUITER)
def index():
    """Upload a file, and the recruiter's recent imports."""
    form = UploadForm()
    if form.validate_on_submit():
        upload = form.file.data
        try:
            job = create_job(current_user, upload.filename, upload.read())
        except ImportFileError as error:
            form.file.errors.append(str(error))
        else:
            db.session.commit()  # a vCard file needs no mapping: the worker checks it at once
            return redirect(url_for("imports.show", job_id=job.id))
    return render_form("imports/index.html", form, jobs=services.recent_jobs(current_user))


@bp.get("/<int:job_id>")
@role_required(RECRUITER)
def show(job_id: int):
    """The job as it stands: the mapping, the progress, the preview, or the outcome."""
    job = services.job_of(current_user, job_id)
    if job.state == MAPPING:
        return _mapping_page(job)
    if is_fragment_request(STATUS_ID):
        response = current_app.make_response(
            render_template("imports/_status.html", job=job, stalled=runner.stalled(job))
        )
        if job.state not in RUNNING:
            response.headers["HX-Refresh"] = "true"  # the check or the import ended: show the whole page
        return response
    page = page_number(request.args.get("page"))
    problems = services.rows_of(job, ["error"], page)
    rows = services.rows_of(job, ["new", "merge", "repeat"], page) if job.state == READY else None
    pager = Page([], page, problems.has_next or bool(rows and rows.has_next))
    return render_template(
        "imports/show.html", job=job, stalled=runner.stalled(job), problems=problems, rows=rows, pager=pager
    )


def _mapping_page(job, form=None):
    form = form or mapping_form(job.columns, job.mapping, formdata=None)
    return render_form("imports/mapping.html", form, job=job)


@bp.post("/<int:job_id>/mapping")
@role_required(RECRUITER)
def mapping(job_id: int):
    """Save which column holds what, then check every row in the background."""
    job = services.job_of(current_user, job_id)
    if job.state != MAPPING:
        return redirect(url_for("imports.show", job_id=job.id))
    form = mapping_form(job.columns, job.mapping)
    if not form.validate_on_submit():
        return _mapping_page(job, form)
    choose_mapping(job, form.mapping(), split_list(form.add_tags.data))
    db.session.commit()  # the worker checks the rows
    return redirect(url_for("imports.show", job_id=job.id))


@bp.post("/<int:job_id>/run")
@role_required(RECRUITER)
def run(job_id: int):
    """Yes, import: the worker writes the checked rows, all of them or none."""
    job = services.job_of(current_user, job_id)
    if ButtonForm().validate_on_submit() and job.state == READY:
        services.start_writing(job)
        db.session.commit()
    return redirect(url_for("imports.show", job_id=job.id))


@bp.route("/<int:job_id>/delete", methods=["GET", "POST"])
@role_required(RECRUITER)
def delete(job_id: int):
    """Cancel an import that has not been written, or clear one from the list."""
    job = services.job_of(current_user, job_id)
    if job.state == IMPORTING and not runner.stalled(job):
        flash("This import is being written now; it can be removed from the list when it has finished.", "error")
        return redirect(url_for("imports.show", job_id=job.id))

    def delete_job():
        services.delete_job(job)
        db.session.commit()
        flash(f"Import of {job.filename} removed. Contacts it already imported stay.", "success")
        return redirect(url_for("imports.index"))

    return confirmed(
        delete_job,
        heading=f"Remove the import of {job.filename}?",
        button="Remove import",
        text="The file and its checked rows are deleted. Contacts already imported from it stay.",
        cancel_url=url_for("imports.show", job_id=job.id),
    )
