"""The staff pages: sign-in, the live queue, a case, its review, prints."""
import hmac

from flask import Blueprint, abort, current_app, make_response, redirect, request, session, url_for
from flask_babel import force_locale
from flask_wtf.csrf import generate_csrf
from werkzeug.exceptions import Forbidden, NotFound

from ..handout.render import PAPERS
from ..store import audit as audit_store
from ..settings import escalation_minutes
from ..store import cases, flow, refusals, users
from ..store.models import SEVERITY, STATUSES, severity_of, utcnow
from ..web.clinic_time import clinic_time
from ..web.i18n import lazy_gettext as _l
from ..web.printing import handout_printable, handout_response
from ..web.state import db_session
from . import answers, queue, throttle
from .auth import EXPIRED, SIGNED_IN_AT, current_staff, idle_state, own_accounts, requires, safe_next, sign_in, sign_out
from .common import audit, clinic_today, day_bounds, parse_day, render_staff, staff_language
from ..intake.forms import CHOICE_LABELS
from .forms import ACTION_WORDS, LEVEL_WORDS, MOVE_WORDS, ROLE_WORDS, STATUS_WORDS, ActionForm, ReviewForm, SignInForm
from .icons import level_icon
from .summary import summary_pdf

bp = Blueprint("staff", __name__, url_prefix="/staff")

# More open alerts than any banner shows at once would be a mistake or an attack.
ALERTS_AT_ONCE = 200
LOWER_NEEDS_CONFIRMATION = _l("This is lower than the rules gave. Tick the box to confirm it.")


@bp.context_processor
def staff_helpers():
    return {
        "level_icon": level_icon, "level_words": LEVEL_WORDS, "role_words": ROLE_WORDS,
        "status_words": STATUS_WORDS, "move_words": MOVE_WORDS, "moves": queue.moves,
        "told_to_stay_seated": queue.told_to_stay_seated, "patient_line": patient_line,
        "choice_words": lambda value: CHOICE_LABELS.get(value, value),
        # The page's own token, also where the host runs no CSRFProtect (no csrf_token() global).
        "staff_csrf": generate_csrf,
        "language_url": language_url,
        "audit_who": audit_who,
        # A code no longer in ACTIONS (a row older than a rename) still shows, as
        # stored; str() so the page escapes it (a lazy string passes as markup).
        "action_words": lambda code: str(ACTION_WORDS.get(code, code)),
        "idle": idle_state,
    }


def patient_line(record):
    """Age, leg, where and pain on one short line for the queue: "62 y · Left · Calf, Knee · pain 7/10"."""
    parts = []
    if "age_years" in record:
        parts.append(_l("%(age)s y", age=record["age_years"]))
    if "sides" in record:
        parts.append(CHOICE_LABELS.get(record["sides"], record["sides"]))
    if record.get("locations"):
        parts.append(", ".join(str(CHOICE_LABELS.get(place, place)) for place in record["locations"]))
    if "pain_score" in record:
        parts.append(_l("pain %(score)s/10", score=record["pain_score"]))
    return " · ".join(str(part) for part in parts) or "–"


def language_url(code):
    """This same page (day, filters and all) in another language."""
    if request.endpoint is None or request.method != "GET":
        return url_for(".sign_in_page" if current_staff() is None else ".queue_page", lang=code)
    return url_for(request.endpoint, **(request.view_args or {}), **{**request.args.to_dict(), "lang": code})


def landing(staff):
    return url_for(".admin") if staff.role == "admin" else url_for(".queue_page")


# --- signing in and out ---------------------------------------------------------


@bp.route("/sign-in", methods=["GET", "POST"])
def sign_in_page():
    staff = current_staff()
    if staff is not None and request.method == "GET":
        return redirect(safe_next(request.args.get("next")) or landing(staff), code=303)
    form = SignInForm()
    expired = session.pop(EXPIRED, False)
    if not own_accounts():
        return render_staff("screening/staff/sign_in.html", form=None, expired=expired, error=None)
    error, wait = None, 0
    if form.validate_on_submit():
        refused = attempt_sign_in(form.username.data.strip(), form.password.data)
        if refused is None:
            return redirect(safe_next(request.args.get("next")) or landing(current_staff()), code=303)
        error, wait = refused
    status = 429 if error == "wait" else 400 if request.method == "POST" else 200
    response, status = render_staff("screening/staff/sign_in.html", status, form=form, expired=expired,
                                    error=error, wait=wait)
    response = make_response(response, status)
    if wait:
        response.headers["Retry-After"] = str(wait)
    return response


def audited_username(db, typed):
    """The name a failed sign-in is audited and counted under.

    What was typed is kept only when it names an account: a password typed
    into the username box must not land in the audit for admins to read.
    Other names become "unknown user" and a tag keyed with the app's secret,
    so each still has its own count (an unknown name locks like a real one:
    the lock-out message tells no one which names exist) and admins can see
    one name tried again, but not what it was.
    """
    if users.find_user(db, typed) is not None:
        return typed
    secret = current_app.secret_key
    key = secret if isinstance(secret, bytes) else str(secret).encode()
    return f"{audit_store.UNKNOWN_USER} {hmac.new(key, typed.encode(), 'sha256').hexdigest()[:8]}"


def audit_who(username):
    """An audit row's user as the audit page shows it (unknown users in the reader's language)."""
    if username and username.startswith(audit_store.UNKNOWN_USER):
        return _l("unknown user") + username[len(audit_store.UNKNOWN_USER):]
    return username or ""


def attempt_sign_in(username, password):
    """None when signed in, else ("wrong", 0) or ("wait", seconds) for the page
    (never which of username and password was wrong, nor whether the name exists)."""
    db = db_session()
    address = audit_store.fit_address(request.remote_addr)
    audited = audited_username(db, username)
    known = not audited.startswith(audit_store.UNKNOWN_USER)
    window = throttle.window()
    wait = throttle.seconds_to_wait(db, audited, address)
    if wait:
        # Refused without checking the password: counted apart, so waiting
        # never grows the wait, and audited at the 1st, 10th, 100th... of the window.
        n = refusals.add(db, refusals.WAITING, window=window, account=audited, address=address)
        if refusals.worth_auditing(n):
            audit("failed-sign-in", username=audited, commit=False,
                  detail=f"not checked: a {wait} s wait was running; refusal {n} from this address in the window")
        db.commit()
        return "wait", wait
    user = users.authenticate(db, username, password)
    if user is None:
        n = refusals.add(db, refusals.SIGN_IN if known else refusals.UNKNOWN, window=window,
                         account=audited, address=address)
        # Each wrong password for a real account is audited (the delay keeps
        # them few); unknown names, which anyone can post by the thousand, sparingly.
        if known or refusals.worth_auditing(n):
            audit("failed-sign-in", username=audited, commit=False,
                  detail=None if known else f"unknown user {n} from this address in the window")
        db.commit()
        return "wrong", 0
    refusals.forget(db, refusals.SIGN_IN, account=user.username, address=address)
    sign_in(user)
    audit("sign-in")
    return None


@bp.post("/sign-out")
@requires("self")
def sign_out_page():
    if not ActionForm().validate_on_submit():
        abort(400)
    audit("sign-out")
    sign_out()
    return redirect(url_for(".sign_in_page"), code=303)


@bp.post("/sign-out-everywhere")
@requires("self")
def sign_out_everywhere():
    staff = current_staff()
    if staff.source != "plugin" or not ActionForm().validate_on_submit():
        abort(400)
    audit("user-change", detail=f"{staff.username} signed out everywhere")
    # Signing out ends every session of the account (auth.sign_out).
    sign_out()
    return redirect(url_for(".sign_in_page"), code=303)


# --- the idle sign-out, never silent ---------------------------------------------

IDLE_STAMP, IDLE_LEFT = "Screening-Idle-Stamp", "Screening-Idle-Left-Ms"


@bp.after_request
def idle_headers(response):
    """Every staff answer says how long this session has left, so a page in
    any tab can warn before the idle sign-out (static/staff.js)."""
    idle = idle_state()
    if idle is not None:
        response.headers[IDLE_STAMP] = idle["stamp"]
        response.headers[IDLE_LEFT] = str(idle["left_ms"])
    return response


@bp.get("/session")
@requires("self", passive=True)
def session_check():
    """Whether this session is still signed in, without counting as activity:
    a page asks at its sign-out time, and says so when it is not."""
    return "", 204


@bp.post("/still-here")
@requires("self")
def still_here():
    """"Stay signed in", or a click or a key on a page that sent no request:
    a person is at the screen (the queue's own refreshes never count)."""
    if not ActionForm().validate_on_submit():
        abort(400)
    return "", 204


@bp.errorhandler(Forbidden)
def forbidden(error):
    return render_staff("screening/staff/forbidden.html", 403, code=403)


@bp.errorhandler(NotFound)
def not_found(error):
    # A staff page in the staff's words, not the patient's "ask the front desk".
    return render_staff("screening/staff/forbidden.html", 404, code=404)


# --- the queue --------------------------------------------------------------------


def queue_window():
    """The day shown, its UTC bounds, and what the queue is loaded with."""
    config = current_app.config
    day = parse_day(request.args.get("day")) or clinic_today()
    start, end = day_bounds(day)
    options = dict(alert_hours=float(config["SCREENING_STAFF_ALERT_HOURS"]),
                   escalate=escalation_minutes(config["SCREENING_ESCALATE_MINUTES"]))
    return day, start, end, options


def queue_context(window=None, **load):
    day, start, end, options = window or queue_window()
    found = queue.load(db_session(), start, end, **options, **load)
    return dict(queue=found, day=day, today=clinic_today(), level=queue.level, local=clinic_time,
                level_words=LEVEL_WORDS, ack_form=ActionForm(),
                poll_ms=int(float(current_app.config["SCREENING_STAFF_POLL_SECONDS"]) * 1000))


QUEUE_AUDITED = "screening_queue_audited"


def audit_queue_view(day):
    """One audit row per sign-in session, day and day shown, however often the
    page is opened or refreshes itself: who saw the list, without a row per poll."""
    staff = current_staff()
    mark = f"{session.get(SIGNED_IN_AT, staff.username)}|{clinic_today()}|{day}"
    if session.get(QUEUE_AUDITED) != mark:
        audit("queue-view", detail=f"queue of {day.isoformat()}")
        session[QUEUE_AUDITED] = mark


@bp.get("/")
@requires("queue")
def queue_page():
    window = queue_window()
    now = utcnow()
    tag = queue_tag(window, now)
    context = queue_context(window, now=now)
    audit_queue_view(context["day"])
    # What the page's first refresh sends back: nothing changed, nothing is sent.
    return render_staff("screening/staff/queue.html", queue_tag=f'"{tag}"', **context)


def queue_tag(window, now):
    """The queue's ETag, taken before its cases are loaded: a change landing in
    between is sent with the older tag, so the next refresh sends it again."""
    day, start, end, options = window
    return queue.etag(queue.fingerprint(db_session(), start, end, now=now, **options), day.isoformat(),
                      staff_language(), current_staff().role)


@bp.get("/queue")
@requires("queue", passive=True)
def queue_part():
    """The queue's changing part, for the page's refresh loop: 304 when
    nothing changed, decided by one query before any case is loaded; else
    the rows changed since the page's last refresh (the mark it sends
    back), and only the places of the others."""
    window = queue_window()
    audit_queue_view(window[0])
    now = utcnow()
    tag = queue_tag(window, now)
    if tag in request.if_none_match:
        response = make_response("", 304)
    else:
        since = queue.read_since(request.headers.get(SINCE_HEADER), now)
        context = queue_context(window, now=now, since=since)
        body, _status = render_staff("screening/staff/_queue_body.html", **context)
        response = make_response(body)
        response.headers[SINCE_HEADER] = context["queue"].since_mark
    response.set_etag(tag)
    return response


# The page's last refresh moment, sent back so the next one sends only what changed.
SINCE_HEADER = "X-Queue-Since"


@bp.get("/find")
@requires("case")
def find():
    reference = request.args.get("reference", "")
    case = cases.find_by_reference(db_session(), reference) if reference.strip() else None
    if case is None:
        context = queue_context()
        return render_staff("screening/staff/queue.html", 404, not_found=reference.strip()[:20], **context)
    return redirect(url_for(".case_page", reference=case.reference), code=303)


@bp.post("/case/<reference>/acknowledge")
@requires("acknowledge")
def acknowledge(reference):
    case = case_or_404(reference)
    if not ActionForm().validate_on_submit():
        abort(400)
    if queue.acknowledge(db_session(), case, current_staff().display_name):
        audit("acknowledge", reference=case.reference)
    return back_to_queue()


@bp.post("/alerts/seen")
@requires("acknowledge")
def acknowledge_all():
    """"Seen all": the alerts the banner showed when it was pressed, not one come in since."""
    if not ActionForm().validate_on_submit():
        abort(400)
    shown = [cases.find_by_reference(db_session(), r) for r in request.form.getlist("reference")[:ALERTS_AT_ONCE]]
    for case in queue.acknowledge_all(db_session(), [c for c in shown if c is not None], current_staff().display_name):
        audit("acknowledge", reference=case.reference)
    return back_to_queue()


@bp.post("/case/<reference>/status")
@requires("flow")
def change_status(reference):
    """One tap on the queue: where the patient is now (waiting, with a clinician, done...)."""
    case = case_or_404(reference)
    form = ActionForm()
    status = request.form.get("status")
    if not form.validate_on_submit() or status not in STATUSES:
        abort(400)
    before = flow.set_status(db_session(), case, status, by=current_staff().display_name)
    if before is not None:
        # The change and its audit row commit together.
        audit("status", reference=case.reference, detail=f"{before} -> {status}")
    return back_to_queue()


def back_to_queue():
    return redirect(safe_next(request.form.get("next")) or url_for(".queue_page"), code=303)


# --- a case -------------------------------------------------------------------------


def case_or_404(reference):
    case = cases.find_by_reference(db_session(), reference)
    if case is None:
        abort(404)
    return case


def decision_errors(form):
    """[(the id a link lands on, the message), ...] for the page's error
    summary, in the form's order; a list of radios is reached at its first."""
    targets = ((form.level, f"{form.level.id}-0"), (form.reason, form.reason.id),
               (form.confirm_lower, form.confirm_lower.id))
    return [(target, field.errors[0]) for field, target in targets if field.errors]


def case_context(case, review_form=None):
    staff = current_staff()
    with force_locale(staff_language()):
        grouped = answers.grouped(case.record, case.early_stop) if staff.may("answers") else None
    return dict(
        case=case, fired=case.fired, grouped=grouped, local=clinic_time,
        rules_level=queue.LEVELS[severity_of(case.disposition, case.emergency)],
        final_level=queue.LEVELS[case.severity],
        level_words=LEVEL_WORDS, review_form=review_form or ReviewForm(), action_form=ActionForm(),
        decision_errors=decision_errors(review_form) if review_form else [],
        # "Sign in again" after an idle sign-out returns to the case, also from a decision to correct.
        back_here=url_for(".case_page", reference=case.reference),
        papers=PAPERS, printable=handout_printable(case),
        notes=case.record.get("notes") if staff.may("answers") else None,
    )


@bp.get("/case/<reference>")
@requires("case")
def case_page(reference):
    case = case_or_404(reference)
    audit("view", reference=case.reference)
    return render_staff("screening/staff/case.html", **case_context(case))


@bp.post("/case/<reference>/reviewed")
@requires("review")
def mark_reviewed(reference):
    case = case_or_404(reference)
    if not ActionForm().validate_on_submit():
        abort(400)
    # The review and its audit row commit together, or neither does.
    cases.record_review(db_session(), case, by=current_staff().display_name, commit=False)
    audit("review", reference=case.reference)
    return redirect(url_for(".case_page", reference=case.reference), code=303)


@bp.post("/case/<reference>/decision")
@requires("review")
def decide(reference):
    """Another disposition with its reason; a lower one than the rules' needs the confirmation ticked."""
    case = case_or_404(reference)
    form = ReviewForm()
    with force_locale(staff_language()):
        valid = form.validate_on_submit()
        chosen = form.level.data if valid else None
        lower = valid and SEVERITY[chosen] < severity_of(case.disposition, case.emergency)
        if lower and not form.confirm_lower.data:
            form.confirm_lower.errors = [str(LOWER_NEEDS_CONFIRMATION)]
            valid = False
    if not valid:
        # The case was shown again, answers and all: that is a view like any other.
        audit("view", reference=case.reference, detail="decision not saved: the form needs correcting")
        return render_staff("screening/staff/case.html", 400, **case_context(case, form), show_decision=True)
    disposition, emergency = ("urgent", True) if chosen == "emergency" else (chosen, False)
    was = severity_of(case.disposition, case.emergency)
    before = case.severity
    cases.record_review(db_session(), case, by=current_staff().display_name, disposition=disposition,
                        emergency=emergency, reason=form.reason.data, commit=False)
    changed = SEVERITY[chosen] != was
    # The decision and its audit row commit together; the row names the level
    # the case stood at before (the rules', or an earlier decision's).
    audit("override" if changed else "review", reference=case.reference,
          detail=f"{queue.LEVELS[before]} -> {chosen}" if SEVERITY[chosen] != before or changed else None)
    return redirect(url_for(".case_page", reference=case.reference), code=303)


@bp.get("/case/<reference>/handout.pdf")
@requires("reprint")
def reprint(reference):
    case = case_or_404(reference)
    if not handout_printable(case):
        abort(404)
    response = handout_response(case, request.args.get("paper"), large_print=request.args.get("size") == "large")
    audit("print", reference=case.reference)
    return response


@bp.get("/case/<reference>/summary.pdf")
@requires("summary")
def summary(reference):
    case = case_or_404(reference)
    response = make_response(summary_pdf(case, staff_language()))
    response.mimetype = "application/pdf"
    response.headers["Content-Disposition"] = 'inline; filename="staff-summary.pdf"'
    audit("summary", reference=case.reference)
    return response
