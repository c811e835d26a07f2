"""Issue 21, finding 6: wrong passwords slow the next try down (1, 2, 4 ... s, at
most 5 minutes) but never lock anyone out for good, a guesser elsewhere
never slows the real person at their usual desk, and a flood of refused
sign-ins leaves a handful of audit rows, not one per post."""
from sqlalchemy import update

from screening.store.models import Refusal
from screening.web.state import state
from tests.staff_helpers import audit_rows, make_user, sign_in

DESK, ELSEWHERE = "192.0.2.10", "198.51.100.7"


def client_at(app, address):
    client = app.test_client()
    client.environ_base["REMOTE_ADDR"] = address
    return client


def time_passes(app, seconds):
    """The refusals were made `seconds` earlier (the delay counts from the latest)."""
    with state(app).sessions() as session:
        rows = session.query(Refusal).all()
        for row in rows:
            session.execute(update(Refusal).where(Refusal.id == row.id)
                            .values(at=row.at.__class__.fromtimestamp(row.at.timestamp() - seconds, row.at.tzinfo)))
        session.commit()


def test_the_wait_grows_and_ends_and_the_right_password_works_after_it(make_app):
    app = make_app(SCREENING_STAFF_SIGNIN_MAX_PER_ACCOUNT=3)
    make_user(app, "nurse", "clinician")
    desk = client_at(app, DESK)
    for _ in range(3):
        assert sign_in(desk, "nurse", "not it").status_code == 400
    waiting = sign_in(desk, "nurse")
    assert waiting.status_code == 429 and "Please wait 1 seconds" in waiting.get_data(as_text=True)
    time_passes(app, 2)
    assert sign_in(desk, "nurse", "not it again").status_code == 400
    assert "Please wait 2 seconds" in sign_in(desk, "nurse").get_data(as_text=True)
    time_passes(app, 3)
    assert sign_in(desk, "nurse").status_code == 303


def test_one_wrong_try_every_few_minutes_does_not_keep_the_real_person_out(make_app):
    """The attack as found: one refused try every 3 minutes kept an account locked for ever."""
    app = make_app()
    make_user(app, "nurse", "clinician")
    desk, attacker = client_at(app, DESK), client_at(app, ELSEWHERE)
    assert sign_in(desk, "nurse").status_code == 303  # the nurse's own desk, known from now on
    for _ in range(30):
        sign_in(attacker, "nurse", "guess")
        time_passes(app, 180)
    # The attacker's own tries are slowed...
    assert sign_in(attacker, "nurse", "guess").status_code in (400, 429)
    # ...the nurse at her usual desk is not, and neither is a right password after the longest wait.
    assert sign_in(client_at(app, DESK), "nurse").status_code == 303
    time_passes(app, 301)
    assert sign_in(client_at(app, ELSEWHERE), "nurse").status_code == 303


def test_failures_on_a_shared_address_do_not_lock_out_the_right_password_there(make_app):
    """The attack as found: 20 failures from one address locked out the right password."""
    app = make_app()
    make_user(app, "nurse", "clinician")
    assert sign_in(client_at(app, DESK), "nurse").status_code == 303
    for number in range(25):
        sign_in(client_at(app, DESK), f"guess{number}", "guess")
    assert sign_in(client_at(app, DESK), "nurse").status_code == 303


def test_a_flood_of_unknown_names_leaves_a_handful_of_audit_rows(make_app):
    """The attack as found: 1,000 anonymous sign-in posts wrote 1,000 audit rows."""
    app = make_app()
    attacker = client_at(app, ELSEWHERE)
    for number in range(120):
        sign_in(attacker, f"nobody{number}", "guess")
    rows = audit_rows(app, action="failed-sign-in")
    assert 1 <= len(rows) <= 6, [r.detail for r in rows]
    details = " | ".join(r.detail or "" for r in rows)
    # How big the flood was still shows: the 1st and 10th unknown name, then the tries refused unread.
    assert "unknown user 1 from this address" in details and "unknown user 10 from this address" in details
    assert "not checked: a 1 s wait was running; refusal 1 from this address" in details
    with state(app).sessions() as session:
        assert session.query(Refusal).count() == 120
