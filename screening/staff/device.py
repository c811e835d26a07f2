"""This tablet's label: set once by staff on the tablet itself (intake/devices.py)."""
from flask import make_response, redirect, request, url_for
from wtforms import StringField
from wtforms.validators import Length

from ..intake import devices
from ..store.models import DEVICE_LABEL_MAX
from ..web.i18n import lazy_gettext as _l
from ..web.state import state
from .auth import requires
from .common import render_staff
from .forms import ActionForm
from .views import bp


class DeviceForm(ActionForm):
    label = StringField(_l("This tablet's name"), validators=[Length(max=DEVICE_LABEL_MAX)],
                        description=_l('Shown in the queue beside each case sent from here, e.g. "Front desk tablet 2".'))


@bp.route("/device", methods=["GET", "POST"])
@requires("flow")
def device():
    form = DeviceForm(label=devices.label())
    if request.method == "POST" and form.validate_on_submit():
        response = make_response(redirect(url_for(".device", saved=1), code=303))
        # The whole plugin's path: the patient form, wherever it is mounted, sends it.
        return devices.set_label(response, form.label.data, (request.script_root + state().url_prefix) or "/")
    status = 400 if request.method == "POST" else 200
    return render_staff("screening/staff/device.html", status, form=form, saved=bool(request.args.get("saved")),
                        current=devices.label())
