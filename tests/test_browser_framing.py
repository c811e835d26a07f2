"""A real browser frames the form from another site and sends it.

The intranet page is on http://localhost:<port>, the plugin on
http://127.0.0.1:<port>: different sites, so the session cookie is a
third-party cookie in the frame. Chromium treats both hosts as secure
contexts, so `Secure` (and `Partitioned`) cookies work over plain HTTP here,
as they would over HTTPS in production.
"""
import threading

from werkzeug.serving import make_server
from werkzeug.wrappers import Response

from screening.app import create_app
from screening.store import migrate
from screening.web.state import state
from screening.intake.forms import STEPS, form_values
from tests.helpers import valid_record


FILL = """(form, record) => {
  for (const [name, value] of Object.entries(record)) {
    for (const v of [].concat(value)) {
      const choice = form.querySelector(`[name="${name}"][value="${v}"]`);
      const box = form.querySelector(`input[name="${name}"]:not([type=hidden]), textarea[name="${name}"]`);
      if (choice) choice.checked = true; else if (box) box.value = v;
    }
  }
}"""


def serve(app, host):
    server = make_server(host, 0, app, threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def intranet_page(plugin_url):
    def app(environ, start_response):
        page = f'<!doctype html><title>Intranet</title><iframe src="{plugin_url}/" width="800" height="900"></iframe>'
        return Response(page, mimetype="text/html")(environ, start_response)

    return app


def framed(browser, tmp_path, frame_ancestors):
    """The plugin page inside the intranet page, both served on ephemeral ports."""
    # Each needs the other's port: the intranet listens first, and gets its
    # page once the plugin listens too.
    intranet = serve(None, "localhost")
    app = create_app(
        {
            "SCREENING_DATABASE_URL": f"sqlite:///{tmp_path}/cases.sqlite3",
            "SCREENING_FRAME_ANCESTORS": frame_ancestors(intranet.server_port),
        },
        instance_path=str(tmp_path / "instance"),
    )
    migrate.upgrade(state(app).engine)
    plugin = serve(app, "127.0.0.1")
    intranet.app = intranet_page(f"http://127.0.0.1:{plugin.server_port}")
    page = browser.new_page()
    page.goto(f"http://localhost:{intranet.server_port}/")  # waits for the frame's load too
    return page, (intranet, plugin)


def test_a_listed_intranet_frames_the_form_and_sends_it(browser, tmp_path):
    page, servers = framed(browser, tmp_path, lambda port: [f"http://localhost:{port}"])
    try:
        frame = page.frame_locator("iframe")
        answers = form_values(valid_record())
        for number in range(1, len(STEPS) + 1):
            # Every step is a post: each passes CSRF only with the session cookie.
            frame.get_by_text(f"Step {number} of {len(STEPS)}").wait_for(timeout=10_000)
            frame.locator("#intake").evaluate(FILL, answers)
            frame.locator(".step-nav .primary").click()
        # Only a session cookie that came back with the post lets CSRF pass.
        frame.get_by_text("You can care for this at home").wait_for(timeout=10_000)
    finally:
        page.close()
        for server in servers:
            server.shutdown()


def test_an_unlisted_intranet_cannot_frame_the_form(browser, tmp_path):
    page, servers = framed(browser, tmp_path, lambda port: [])
    try:
        frame = page.frames[1]
        # frame-ancestors 'none': Chromium puts its error page in the frame
        # instead (it may report the frame's address a moment after load).
        frame.wait_for_url(lambda url: url.startswith("chrome-error://"), timeout=10_000)
        assert frame.evaluate("() => document.getElementById('intake')") is None
    finally:
        page.close()
        for server in servers:
            server.shutdown()
