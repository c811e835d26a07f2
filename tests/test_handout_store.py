"""Rendered handouts are kept in the database for every worker, and a stored
case's handout is rendered off the request path, so the patient's first
print is no render on any worker (issue 12)."""
import logging
import os
import threading

from sqlalchemy import func, select

from screening.store import handouts
from screening.store.models import Case, HandoutPdf
from screening.web.background import BackgroundWorker
from screening.web.state import state
from tests.handout_helpers import pdf_pages_and_text, squash
from tests.helpers import all_cases, csrf_token, form_data, open_result_of, vignette
from tests.staff_helpers import store

PRERENDER = {"SCREENING_HANDOUT_PRERENDER": True}
ROUTINE = "ache-getting-worse"


def send(app, name, **changes):
    """A patient sends a vignette; their browser and the stored case."""
    client = app.test_client()
    record = {**vignette(name)["record"], **changes}
    response = client.post("/", data=form_data(record, csrf_token(client)))
    assert response.status_code == 303
    return client, all_cases(app)[-1]


def stored_pdfs(app, case):
    with state(app).sessions() as session:
        return session.scalars(select(HandoutPdf.pdf).where(HandoutPdf.case_id == case.id)).all()


def test_the_first_print_is_no_render_on_this_worker_or_another(make_app):
    app = make_app(**PRERENDER)
    client, case = send(app, ROUTINE)
    assert state(app).prerender.drain(timeout=60)
    [pdf] = stored_pdfs(app, case)
    cache = state(app).handouts
    assert cache.renders == 1  # the pre-render's, on its own thread

    response = client.get("/result/handout.pdf")
    assert response.status_code == 200 and response.data == pdf
    assert cache.renders == 1

    # Another gunicorn worker: its own memory is empty, the database is shared.
    other = make_app()
    browser = other.test_client()
    open_result_of(browser, case)
    assert browser.get("/result/handout.pdf").data == pdf
    assert (state(other).handouts.misses, state(other).handouts.renders) == (1, 0)
    # Large print is another handout: rendered on demand, then kept too.
    large = browser.get("/result/handout.pdf?size=large").data
    assert large != pdf and state(other).handouts.renders == 1
    assert sorted(stored_pdfs(app, case)) == sorted([pdf, large])


def test_a_clinician_override_prints_the_new_decision_not_the_stored_handout(make_app):
    from screening.store import cases

    app = make_app(**PRERENDER)
    client, case = send(app, ROUTINE)
    assert state(app).prerender.drain(timeout=60)
    [routine] = stored_pdfs(app, case)
    with state(app).sessions() as session:
        cases.record_review(session, session.get(Case, case.id), by="Dr Test", disposition="urgent",
                            reason="Worse on examination.")

    urgent = client.get("/result/handout.pdf").data
    assert urgent != routine and state(app).handouts.renders == 2
    text = squash(pdf_pages_and_text(urgent)[1])
    assert "A nurse or doctor needs to see you today" in text and "Things that can help" not in text
    # Both are kept until the case goes; the old one is never served again.
    assert sorted(stored_pdfs(app, case)) == sorted([routine, urgent])


def test_an_emergency_case_pre_renders_nothing(make_app):
    """Its page prints the staff summary, not the handout."""
    app = make_app(**PRERENDER)
    _, case = send(app, "breathless-with-leg-pain")
    assert case.emergency
    assert state(app).prerender.drain(timeout=60)
    assert state(app).handouts.renders == 0 and stored_pdfs(app, case) == []


def test_stored_handouts_go_with_their_case_and_a_race_is_no_error(app):
    """The store itself, with stand-in bytes: two workers storing the same
    print, a case deleted before its PDF is stored, a case deleted."""
    kept, gone = store(app, vignette(ROUTINE)["record"]), store(app, vignette(ROUTINE)["record"])
    key = "a" * 64
    with state(app).sessions() as session:
        handouts.store_handout(session, kept.id, key, b"%PDF first")
        handouts.store_handout(session, kept.id, key, b"%PDF second")  # the racing worker's
        assert handouts.find_handout(session, kept.id, key) == b"%PDF first"
        assert handouts.find_handout(session, kept.id, "b" * 64) is None
        session.delete(session.get(Case, gone.id))
        session.commit()
        handouts.store_handout(session, gone.id, key, b"%PDF late")  # rendered while it was deleted
        assert session.scalar(select(func.count()).select_from(HandoutPdf)) == 1
        session.delete(session.get(Case, kept.id))
        session.commit()
        assert session.scalar(select(func.count()).select_from(HandoutPdf)) == 0


def test_a_print_never_fails_for_the_handout_store(make_app, caplog):
    """The database's copy saves renders and nothing more: without its table
    (dropped under running workers) the handout still prints, and the log
    names the failure's kind only."""
    from sqlalchemy import text

    app = make_app()
    client, case = send(app, ROUTINE, preferred_name="Perpetua Onslow")
    assert client.get("/result").status_code == 200
    # The table alone: migrating back to 0003 now also takes away columns the case itself needs (0006).
    with state(app).engine.begin() as connection:
        connection.execute(text("DROP TABLE screening_handout_pdf"))
    with caplog.at_level(logging.WARNING):
        response = client.get("/result/handout.pdf")
    assert response.status_code == 200 and response.data.startswith(b"%PDF")
    assert "could not read a stored handout" in caplog.text and "could not store a handout" in caplog.text
    assert case.reference not in caplog.text and "Perpetua" not in caplog.text


# --- the background worker -----------------------------------------------------------


def test_a_failing_job_is_logged_by_its_kind_and_the_next_one_runs(caplog):
    worker = BackgroundWorker("pre-render a handout", 4)
    done = []

    def fail():
        raise ValueError("Perpetua Onslow's answers")

    with caplog.at_level(logging.WARNING):
        assert worker.submit(fail) and worker.submit(done.append, "next")
        assert worker.drain(timeout=10)
    assert done == ["next"]
    assert "could not pre-render a handout: ValueError" in caplog.text
    assert "Perpetua" not in caplog.text


def test_a_full_queue_drops_the_job():
    worker = BackgroundWorker("pre-render a handout", 2)
    go, done = threading.Event(), []
    assert worker.submit(go.wait) and worker.submit(done.append, 1)
    assert not worker.submit(done.append, 2)  # dropped: the print renders on demand instead
    assert not worker.drain(timeout=0.01)
    go.set()
    assert worker.drain(timeout=10) and done == [1]


def test_a_job_waits_until_the_process_serves_no_request():
    """A render beside a request would slow the request: it waits for a quiet moment."""
    worker = BackgroundWorker("pre-render a handout", 4, quiet_seconds=0)
    done = []
    worker.serving()
    assert worker.submit(done.append, 1)
    assert not worker.drain(timeout=0.3) and done == []
    worker.served()
    assert worker.drain(timeout=10) and done == [1]


def test_a_forked_worker_process_starts_its_own_thread():
    """gunicorn --preload forks workers from a process whose threads do not
    come along: each process runs its jobs on a thread of its own."""
    worker = BackgroundWorker("pre-render a handout", 4)
    assert worker.submit(lambda: None) and worker.drain(timeout=10)
    read, write = os.pipe()
    child = os.fork()
    if child == 0:  # the child reports through the pipe and its exit status, and never returns to pytest
        ran = False
        try:
            ran = worker.submit(os.write, write, str(os.getpid()).encode()) and worker.drain(timeout=10)
        finally:
            os._exit(0 if ran else 1)
    os.close(write)
    _, status = os.waitpid(child, 0)
    assert os.waitstatus_to_exitcode(status) == 0
    assert os.read(read, 32) == str(child).encode()
    os.close(read)
