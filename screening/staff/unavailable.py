"""Staff pages while the database cannot be reached: a clear 503 page, never a bare 500.

Nothing about a case or a person can be read then, the signed-in staff
member included, so the page is drawn without them. The queue's refresh
loop sees the 503 and says on the queue that it is no longer up to date
(static/staff.js), so a desk never trusts a list that stopped.
"""
from flask import current_app, g
from sqlalchemy.exc import SQLAlchemyError

from ..store.engine import error_kind
from ..web.root import render_in
from .common import staff_language
from .views import bp

RETRY_SECONDS = 10


@bp.errorhandler(SQLAlchemyError)
def unavailable(error):
    # The kind only: a driver's message may name the server or a case's values.
    current_app.logger.error("staff page: database unavailable (%s)", error_kind(error))
    # Nobody can be looked up now: the page (and its staff bar) draws as signed out.
    g.screening_staff = None
    # Flask-Login's template context loads the user again unless one is set
    # for this request (it keeps it in g._login_user).
    g._login_user = current_app.login_manager.anonymous_user()
    page = render_in(staff_language(), "screening/staff/unavailable.html", staff=None)
    return page, 503, {"Retry-After": str(RETRY_SECONDS), "Cache-Control": "no-store"}
