"""Administration: staff accounts (the audit view and exports live beside it)."""
from flask import abort, redirect, request, url_for

from ..store import users
from ..store.models import StaffUser
from ..web.state import db_session
from .auth import current_staff, requires
from .common import audit, render_staff
from .forms import ActionForm, UserForm
from .views import bp


@bp.route("/admin/", methods=["GET", "POST"])
@requires("admin")
def admin():
    form = UserForm()
    error = None
    if request.method == "POST" and form.validate_on_submit():
        try:
            user = users.create_user(db_session(), form.username.data, form.password.data, role=form.role.data,
                                     display_name=form.display_name.data or None)
        except users.AccountError as problem:
            error = str(problem)
        else:
            audit("user-change", detail=f"created {user.username} as {user.role}")
            return redirect(url_for(".admin"), code=303)
    status = 400 if request.method == "POST" else 200
    return render_staff("screening/staff/admin.html", status, form=form, error=error,
                        users=users.all_users(db_session()), action_form=ActionForm())


@bp.post("/admin/users/<int:user_id>/<change>")
@requires("admin")
def change_user(user_id, change):
    user = db_session().get(StaffUser, user_id)
    if user is None or change not in ("disable", "enable", "sign-out") or not ActionForm().validate_on_submit():
        abort(404 if user is None else 400)
    if change == "sign-out":
        users.sign_out_everywhere(db_session(), user)
    else:
        if user.username == current_staff().username and change == "disable":
            abort(400)  # an admin cannot lock themselves out
        users.set_active(db_session(), user, change == "enable")
    audit("user-change", detail=f"{change} {user.username}")
    return redirect(url_for(".admin"), code=303)
