"""Contact import through the real pages: upload, mapping, check, preview, import, on both databases."""

import io
import re
from datetime import timedelta
from itertools import groupby

import pytest
import sqlalchemy as sa
from werkzeug.datastructures import FileStorage
from werkzeug.test import encode_multipart

from journal.extensions import db
from journal.imports import runner
from journal.models import Contact, ContactChange, ImportJob, ImportRow, utcnow
from journal.outbox.worker import Worker
from tests.conftest import csrf_token, post, text_of
from tests.test_search import manual, names

HEADER = "Name,Email,Company,Job title,Skills,Notes,Tags\n"


def work(client) -> int:
    """Let the background worker run what the recruiter started (as `flask deliver` does)."""
    return Worker(client.application).run_imports()


def upload(client, content, filename="contacts.csv"):
    """Upload a file on the Import page; return the response (a redirect to the job on success)."""
    data = content if isinstance(content, bytes) else content.encode()
    return post(client, "/contacts/import", {"file": (io.BytesIO(data), filename)}, content_type="multipart/form-data")


def job_url(client, content, filename="contacts.csv"):
    response = upload(client, content, filename)
    assert response.status_code == 302, response.get_data(as_text=True)
    return response.headers["Location"]


def check(client, url, mapping=None, add_tags=""):
    """Submit the column mapping (the guessed one unless given) and wait for the check."""
    page = client.get(url).get_data(as_text=True)
    guessed = dict(re.findall(r'<select id="(column_\d+)".*?<option selected value="([^"]*)"', page, re.S))
    columns = re.findall(r'<select id="(column_\d+)"', page)
    data = {column: guessed.get(column, "") for column in columns}
    data.update(mapping or {})
    response = post(client, f"{url}/mapping", {**data, "add_tags": add_tags})
    work(client)
    return response


def run_import(client, url):
    response = post(client, f"{url}/run")
    assert response.status_code == 302
    work(client)
    return client.get(url).get_data(as_text=True)


def contacts(app, recruiter_email=None):
    with app.app_context():
        return {c.email or c.name: c for c in db.session.scalars(sa.select(Contact))}


def test_csv_import_end_to_end(app, accounts):
    recruiter = accounts.recruiter()
    url = job_url(
        recruiter,
        HEADER + '"Doe, Jane",JANE@example.com,"Acme, Inc",Buyer,"Python; SQL",'
        '"Met at the fair, twice",vip\n'
        "Bob Zed,bob@,Beta,,,,\n"
        "Cy Young,cy@example.com,Gamma,Engineer,automotive,,\n",
    )
    mapping_page = recruiter.get(url).get_data(as_text=True)
    assert "Which column is which?" in mapping_page and "3 rows" in mapping_page
    assert re.search(r'<label for="column_2">Company</label>', mapping_page)
    assert "Doe, Jane" in mapping_page  # the first values help to choose
    check(recruiter, url, add_tags="fair 2026")
    preview = text_of(recruiter.get(url).get_data(as_text=True))
    assert "Checked 3 rows: 2 new contacts" in preview and "1 row has errors" in preview
    assert "3 Bob Zed bob@ Email: “bob@” is not a valid email address." in preview
    assert contacts(app) == {}  # the preview wrote nothing
    done = text_of(run_import(recruiter, url))
    assert "Imported: 2 new contacts, 0 existing contacts merged; 1 row with errors skipped." in done
    saved = contacts(app)
    assert set(saved) == {"jane@example.com", "cy@example.com"}
    jane = saved["jane@example.com"]
    assert (jane.name, jane.employer, jane.title, jane.skills) == ("Doe, Jane", "Acme, Inc", "Buyer", ["Python", "SQL"])
    assert jane.notes == "Met at the fair, twice" and jane.tags == ["vip", "fair 2026"] and jane.source == "import"
    assert jane.stage == "new" and jane.next_follow_up is not None
    # searchable at once, and the import's tag finds them all
    assert names(recruiter, "automotive") == ["Cy Young"]
    assert sorted(names(recruiter, tag="fair 2026")) == ["Cy Young", "Doe, Jane"]
    with app.app_context():  # the checked rows are gone; the skipped row stays listed on the job page
        assert db.session.scalars(sa.select(ImportRow.action)).all() == ["error"]
        assert db.session.scalar(sa.select(ImportJob.data)) is None


def test_duplicates_by_email_merge_into_the_existing_contact(app, accounts):
    recruiter = accounts.recruiter()
    location = manual(
        recruiter,
        name="Jane Doe",
        email="jane@example.com",
        title="VP Sales",
        skills="negotiation",
        notes="Call in spring",
    )
    url = job_url(
        recruiter,
        HEADER + "J. Doe,Jane@Example.com,Northline,Sales Director,Python,Met at the fair,\n"
        "Jane again,jane@example.com,,,SQL,,vip\n",
    )
    check(recruiter, url)
    preview = text_of(recruiter.get(url).get_data(as_text=True))
    assert "0 new contacts 1 row merges into contacts you have 1 row repeats an email from an earlier row" in preview
    assert "Merges into Jane Doe : adds Employer, Skills, Notes; keeps your Name, Title" in preview
    assert "Merges with row 2" in preview
    run_import(recruiter, url)
    saved = contacts(app)
    assert list(saved) == ["jane@example.com"]
    jane = saved["jane@example.com"]
    assert (jane.name, jane.title, jane.employer) == ("Jane Doe", "VP Sales", "Northline")
    assert jane.skills == ["negotiation", "Python", "SQL"] and jane.tags == ["vip"]
    assert jane.notes == "Call in spring\n\nMet at the fair"
    with app.app_context():
        changes = db.session.execute(
            sa.select(ContactChange.field, ContactChange.source).where(ContactChange.source == "import")
        ).all()
    assert sorted(changes) == [("employer", "import"), ("skills", "import")]
    assert "from your import" in recruiter.get(location).get_data(as_text=True)
    assert names(recruiter, "northline") == ["Jane Doe"]


def test_rows_with_one_email_in_a_file_become_one_contact(app, accounts):
    recruiter = accounts.recruiter()
    url = job_url(
        recruiter, "name,email,skills\nAnn,ann@example.com,Go\nAnn B,ANN@example.com,Rust\nNo Mail,,\nNo Mail,,\n"
    )
    check(recruiter, url)
    run_import(recruiter, url)
    with app.app_context():
        rows = db.session.execute(sa.select(Contact.name, Contact.email, Contact.skills).order_by(Contact.id)).all()
    # rows without an email are never merged with each other: two people may share a name
    assert [tuple(r) for r in rows] == [
        ("Ann", "ann@example.com", ["Go", "Rust"]),
        ("No Mail", "", []),
        ("No Mail", "", []),
    ]


def test_mapping_without_a_name_is_refused_and_keeps_the_choices(accounts):
    recruiter = accounts.recruiter()
    url = job_url(recruiter, "Who,Mail\nAnn,ann@example.com\n")
    response = check(recruiter, url, {"column_0": "", "column_1": "email"})
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert "Choose the column that holds the name" in page
    assert re.search(r'<option selected value="email">Email</option>', page)
    response = check(recruiter, url, {"column_0": "name", "column_1": "email"})
    assert response.status_code == 302
    assert "Checked 1 row" in text_of(recruiter.get(url).get_data(as_text=True))


def test_bad_files_get_a_clear_message_and_create_nothing(app, accounts):
    recruiter = accounts.recruiter()
    for content, filename, message in [
        (b"", "empty.csv", "The file is empty."),
        (b"PK\x03\x04" + b"\x00" * 100, "contacts.xlsx", "This is a spreadsheet workbook, not a CSV file."),
        (b"name,email\n", "header.csv", "The file has a header row but no contacts under it."),
        (b"BEGIN:VCARD\nFN:x\n", "cut.vcf", None),  # a card without END is a row error, not a file error
    ]:
        response = upload(recruiter, content, filename)
        if message is None:
            assert response.status_code == 302
            continue
        assert response.status_code == 422, filename
        assert message in response.get_data(as_text=True)
    response = upload(recruiter, b"")
    assert 'aria-invalid="true"' in response.get_data(as_text=True)


def test_an_upload_over_the_limit_is_refused_with_413(app, accounts):
    recruiter = accounts.recruiter()
    token = csrf_token(recruiter)
    big = b"name,email\n" + b"x" * (50 * 1024 * 1024)
    # encoded in memory: the test client would spool 50 MB to a temporary file it never closes
    boundary, body = encode_multipart({"csrf_token": token, "file": FileStorage(io.BytesIO(big), "big.csv")})
    response = recruiter.post("/contacts/import", data=body, content_type=f"multipart/form-data; boundary={boundary}")
    assert response.status_code == 413
    assert "Files may be at most 10 MB" in response.get_data(as_text=True)
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count(ImportJob.id))) == 0
    # other forms keep the usual, smaller limit
    response = recruiter.post("/contacts/new", data={"csrf_token": token, "notes": "x" * (3 * 1024 * 1024)})
    assert response.status_code == 413


def test_latin1_file_imports_with_its_accents_and_a_notice(app, accounts):
    recruiter = accounts.recruiter()
    url = job_url(recruiter, "Name;Email;City\nJosé Müller;jose@example.com;Zürich\n".encode("cp1252"))
    check(recruiter, url, {"column_2": "location"})
    preview = recruiter.get(url).get_data(as_text=True)
    assert "read as Windows-1252 (Latin-1)" in preview and "José Müller" in preview
    run_import(recruiter, url)
    assert contacts(app)["jose@example.com"].location == "Zürich"


def test_vcard_export_imports_into_another_recruiter(app, accounts):
    first = accounts.recruiter()
    manual(
        first,
        name="Ann Lee",
        email="ann@example.com",
        title="Buyer",
        employer="Acme",
        phone="+1 555 0100",
        tags="silver medalist",
    )
    manual(first, name="Bob Zed", email="bob@example.com")
    exported = first.get("/contacts/export.vcf").get_data()
    second = accounts.recruiter()
    url = job_url(second, exported + b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN Broken\r\nEND:VCARD\r\n", "contacts.vcf")
    work(second)  # a vCard file needs no mapping: the check starts at once
    preview = text_of(second.get(url).get_data(as_text=True))
    assert "Checked 3 rows: 2 new contacts" in preview and "This card could not be read" in preview
    run_import(second, url)
    with app.app_context():
        rows = db.session.execute(
            sa.select(
                Contact.recruiter_id, Contact.name, Contact.title, Contact.employer, Contact.phone, Contact.tags
            ).order_by(Contact.id)
        ).all()
    imported = [tuple(r)[1:] for r in rows[2:]]
    assert imported == [("Ann Lee", "Buyer", "Acme", "+1 555 0100", ["silver medalist"]), ("Bob Zed", "", "", "", [])]


def test_csv_export_imports_back_unchanged(app, accounts):
    first = accounts.recruiter()
    manual(
        first,
        name='Ann "Quotes", Jr',
        email="ann@example.com",
        industries="retail, automotive",
        skills="Python, SQL",
        tags="silver medalist",
        notes="line one\nline two",
        title="Buyer",
    )
    exported = first.get("/contacts/export.csv").get_data()
    second = accounts.recruiter()
    url = job_url(second, exported)
    check(second, url)
    run_import(second, url)
    with app.app_context():
        copies = db.session.scalars(sa.select(Contact).order_by(Contact.id)).all()
    original, copy = copies
    for name in ("name", "email", "title", "industries", "skills", "tags", "notes"):
        assert getattr(copy, name) == getattr(original, name), name


def test_a_failure_while_writing_imports_nothing(app, accounts):
    """A real database error on a row of the second chunk (a trigger): the first chunk, already
    committed, is taken back: its new contacts deleted, its merge undone with its history."""
    recruiter = accounts.recruiter()
    manual(recruiter, name="Existing", email="existing@example.com", title="Buyer")
    url = job_url(
        recruiter,
        "name,email,skills,title\nExisting,existing@example.com,Rust,Head buyer\n"
        + "".join(f"Person {i},p{i}@example.com,Go,\n" for i in range(600))
        + "Explode,boom@example.com,,\n",
    )
    check(recruiter, url)
    with app.app_context():
        _refuse_name(db.session, "Explode")
        before = db.session.execute(sa.select(Contact.id, Contact.skills, Contact.title)).all()
        changes_before = db.session.scalar(sa.select(sa.func.count()).select_from(ContactChange))
    page = text_of(run_import(recruiter, url))
    assert "Nothing was imported." in page
    with app.app_context():
        assert db.session.execute(sa.select(Contact.id, Contact.skills, Contact.title)).all() == before
        assert db.session.scalar(sa.select(sa.func.count()).select_from(ContactChange)) == changes_before
        assert db.session.scalar(sa.select(ImportJob.state)) == "failed"
    assert names(recruiter, "person") == [] and names(recruiter, "rust") == []


def _start_writing(app, recruiter, rows: int) -> tuple[str, int]:
    url = job_url(recruiter, "name,email\n" + "".join(f"P {i},p{i}@example.com\n" for i in range(rows)))
    check(recruiter, url)
    assert post(recruiter, f"{url}/run").status_code == 302
    return url, int(url.rsplit("/", 1)[1])


def test_an_import_is_written_in_short_transactions_with_progress(app, accounts):
    """Each chunk of 500 contacts is its own transaction (SQLite's write lock is never held for
    the whole import), committed with the count written so far, which the page shows."""
    recruiter = accounts.recruiter()
    url, job_id = _start_writing(app, recruiter, 1234)
    assert "Saved 0 of 1,234 contacts (0 %)" in text_of(recruiter.get(url).get_data(as_text=True))
    seen = []
    with app.app_context():
        observer = sa.create_engine(db.engine.url)

        def observe(session):
            with observer.connect() as connection:
                seen.append(connection.execute(sa.select(ImportJob.state, ImportJob.written_count)).one()[1])

        session = db.session()
        sa.event.listen(session, "after_commit", observe)
        try:
            runner.run(job_id)
        finally:
            sa.event.remove(session, "after_commit", observe)
            observer.dispose()
    assert [500, 1000, 1234] == [n for n in dict.fromkeys(seen) if n][:3]
    assert "Imported: 1,234 new contacts" in text_of(recruiter.get(url).get_data(as_text=True))


def test_a_write_cut_off_by_a_dying_worker_goes_on_after_its_last_chunk(app, accounts, monkeypatch):
    from journal.imports import writing

    recruiter = accounts.recruiter()
    url, job_id = _start_writing(app, recruiter, 1234)
    real_chunk, calls = writing._write_chunk, []

    def dies_on_the_second_chunk(*args):
        calls.append(1)
        if len(calls) == 2:
            raise KeyboardInterrupt  # not an error of the import: the process stops here
        real_chunk(*args)

    monkeypatch.setattr(writing, "_write_chunk", dies_on_the_second_chunk)
    with app.app_context(), pytest.raises(KeyboardInterrupt):
        runner.run(job_id)
    monkeypatch.setattr(writing, "_write_chunk", real_chunk)
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count()).select_from(Contact)) == 500
        assert runner.run(job_id) is False  # the dead worker's lease still holds
        db.session.execute(sa.update(ImportJob).values(lease_until=utcnow() - timedelta(seconds=1)))
        db.session.commit()
    assert work(recruiter) == 1
    with app.app_context():
        emails = db.session.scalars(sa.select(Contact.email)).all()
    assert len(emails) == len(set(emails)) == 1234
    assert "Imported: 1,234 new contacts" in text_of(recruiter.get(url).get_data(as_text=True))


def _refuse_name(session, name):
    if session.get_bind().dialect.name == "sqlite":
        session.execute(
            sa.text(
                f"CREATE TRIGGER refuse BEFORE INSERT ON contacts WHEN NEW.name = '{name}' "
                "BEGIN SELECT RAISE(ABORT, 'refused by test trigger'); END"
            )
        )
    else:
        session.execute(
            sa.text(
                f"CREATE FUNCTION refuse() RETURNS trigger AS $$ BEGIN IF NEW.name = '{name}' "
                "THEN RAISE EXCEPTION 'refused by test trigger'; END IF; RETURN NEW; END $$ "
                "LANGUAGE plpgsql"
            )
        )
        session.execute(
            sa.text("CREATE TRIGGER refuse BEFORE INSERT ON contacts FOR EACH ROW EXECUTE FUNCTION refuse()")
        )
    session.commit()


@pytest.mark.parametrize("fmt", ["csv", "vcard"])
def test_progress_is_committed_while_the_check_runs(app, accounts, fmt):
    """Another connection sees the checked-row count rise chunk by chunk, before the check ends."""
    from journal.imports.checking import check as check_rows
    from journal.imports.checking import choose_mapping

    recruiter = accounts.recruiter()
    if fmt == "csv":
        url = job_url(recruiter, "name,email\n" + "".join(f"P {i},p{i}@example.com\n" for i in range(1234)))
    else:
        url = job_url(
            recruiter,
            "".join(f"BEGIN:VCARD\r\nVERSION:4.0\r\nFN:P {i}\r\nEND:VCARD\r\n" for i in range(1234)),
            "cards.vcf",
        )
    job_id = int(url.rsplit("/", 1)[1])
    work(recruiter)  # a vCard file's check started with the upload: let it end, then run it again observed
    seen = []
    with app.app_context():
        job = db.session.get(ImportJob, job_id)
        if fmt == "csv":
            choose_mapping(job, ["name", "email"], [])
        else:
            job.state, job.lease_until = "checking", None
        db.session.commit()
        observer = sa.create_engine(db.engine.url)  # a second connection, as the page polling for progress has

        def observe(session):
            with observer.connect() as connection:
                seen.append(
                    tuple(
                        connection.execute(
                            sa.select(ImportJob.state, ImportJob.checked_rows).where(ImportJob.id == job_id)
                        ).one()
                    )
                )

        session = db.session()
        sa.event.listen(session, "after_commit", observe)
        try:
            check_rows(runner.claim(job_id))
        finally:
            sa.event.remove(session, "after_commit", observe)
            observer.dispose()
    assert [state for state, _ in groupby(seen)][-4:] == [
        ("checking", 500),
        ("checking", 1000),
        ("checking", 1234),
        ("ready", 1234),
    ]
    assert {state for state, _ in seen[:-1]} == {"checking"}


def test_the_status_fragment_polls_while_checking_and_refreshes_when_done(app, accounts):
    from journal.imports.checking import choose_mapping

    recruiter = accounts.recruiter()
    url = job_url(recruiter, "name\nAnn\nBob\n")
    job_id = int(url.rsplit("/", 1)[1])
    with app.app_context():  # the mapping is chosen, the run not started yet
        job = db.session.get(ImportJob, job_id)
        choose_mapping(job, ["name"], [])
        db.session.commit()
    headers = {"HX-Request": "true", "HX-Target": "import-status"}
    fragment = recruiter.get(url, headers=headers)
    html = fragment.get_data(as_text=True)
    assert html.lstrip().startswith('<div id="import-status"') and "<main" not in html
    assert 'hx-trigger="load delay:500ms"' in html and '<progress id="import-progress" max="2" value="0">' in html
    assert "Checked 0 of 2 rows (0 %)" in text_of(html) and "HX-Refresh" not in fragment.headers
    work(recruiter)
    fragment = recruiter.get(url, headers=headers)
    assert fragment.headers["HX-Refresh"] == "true" and "hx-trigger" not in fragment.get_data(as_text=True)


def test_an_import_whose_worker_died_is_taken_up_again_by_the_next(app, accounts):
    from datetime import timedelta

    from journal.models import utcnow

    recruiter = accounts.recruiter()
    url = job_url(recruiter, "name\nAnn\n")
    job_id = int(url.rsplit("/", 1)[1])
    with app.app_context():  # a check whose worker died a while ago
        db.session.execute(
            sa.update(ImportJob)
            .where(ImportJob.id == job_id)
            .values(
                state="checking", started_at=utcnow() - timedelta(hours=1), lease_until=utcnow() - timedelta(minutes=5)
            )
        )
        db.session.commit()
    page = text_of(recruiter.get(url).get_data(as_text=True))
    assert "This import is waiting for the background worker" in page
    assert work(recruiter) == 1
    assert "Checked 1 row: 1 new contact" in text_of(recruiter.get(url).get_data(as_text=True))


def test_a_running_check_is_not_taken_twice(app, accounts):
    from journal.imports.checking import choose_mapping

    recruiter = accounts.recruiter()
    job_id = int(job_url(recruiter, "name\nAnn\n").rsplit("/", 1)[1])
    with app.app_context():
        choose_mapping(db.session.get(ImportJob, job_id), ["name"], [])
        db.session.commit()
        assert runner.claim(job_id) is not None
        assert runner.claim(job_id) is None  # the lease is held


def test_cancel_and_the_list_of_imports(app, accounts):
    recruiter = accounts.recruiter()
    url = job_url(recruiter, "name\nAnn\n", "first.csv")
    listing = text_of(recruiter.get("/contacts/import").get_data(as_text=True))
    assert "first.csv" in listing and "Waiting for you to choose the columns" in listing
    assert "Remove the import of first.csv?" in recruiter.get(f"{url}/delete").get_data(as_text=True)
    assert post(recruiter, f"{url}/delete").status_code == 302
    assert recruiter.get(url).status_code == 404
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count(ImportJob.id))) == 0


def test_imports_belong_to_their_recruiter(app, accounts):
    owner = accounts.recruiter()
    url = job_url(owner, "name\nAnn\n")
    other = accounts.recruiter()
    assert other.get(url).status_code == 404
    assert post(other, f"{url}/mapping", {"column_0": "name"}).status_code == 404
    assert "first.csv" not in other.get("/contacts/import").get_data(as_text=True)
    assert accounts.candidate().get("/contacts/import").status_code == 404
