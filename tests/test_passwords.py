"""Staff passwords (issue 21, finding 9): at least 12 characters and not only
spaces, on the admin page (in the admin's language) and on the command line."""
import pytest

from screening.store.models import StaffUser
from screening.web.state import state
from tests.staff_helpers import csrf_of, signed_in_client

# The finding: both were accepted as passwords.
REFUSED = ["aaaaaaaaaa", " " * 10, " " * 12, "\u00a0" * 12, "eleven-char"]


def accounts(app):
    with state(app).sessions() as session:
        return sorted(user.username for user in session.query(StaffUser))


@pytest.mark.sqlite_only
@pytest.mark.parametrize("password", REFUSED)
def test_the_admin_page_refuses_a_short_or_blank_password(make_app, password):
    app = make_app()
    admin = signed_in_client(app, "admin")
    response = admin.post("/staff/admin/", data={"csrf_token": csrf_of(admin, "/staff/admin/"), "username": "desk2",
                                                 "role": "front-desk", "password": password})
    assert response.status_code == 400
    assert "Please use at least 12 characters, not only spaces." in response.get_data(as_text=True)
    assert accounts(app) == ["admin"]


@pytest.mark.sqlite_only
def test_the_rule_is_said_in_spanish_and_twelve_characters_are_enough(make_app):
    app = make_app()
    admin = signed_in_client(app, "admin")
    token = csrf_of(admin, "/staff/admin/?lang=es")
    page = admin.get("/staff/admin/?lang=es").get_data(as_text=True)
    assert "Contraseña (12 caracteres o más)" in page
    refused = admin.post("/staff/admin/?lang=es", data={"csrf_token": token, "username": "desk2",
                                                        "role": "front-desk", "password": "aaaaaaaaaa"})
    assert "Use al menos 12 caracteres, y no solo espacios." in refused.get_data(as_text=True)
    made = admin.post("/staff/admin/", data={"csrf_token": token, "username": "desk2", "role": "front-desk",
                                             "password": "twelve chars"})
    assert made.status_code == 303
    assert accounts(app) == ["admin", "desk2"]


@pytest.mark.sqlite_only
@pytest.mark.parametrize("password", REFUSED)
def test_the_commands_refuse_a_short_or_blank_password(make_app, password):
    app = make_app()
    runner = app.test_cli_runner()
    made = runner.invoke(args=["screening", "create-user", "boss", "--role", "admin", "--password-stdin"],
                         input=password + "\n")
    assert made.exit_code == 2
    assert "at least 12 characters" in made.output or "only spaces" in made.output
    assert accounts(app) == []
    runner.invoke(args=["screening", "create-user", "boss", "--role", "admin", "--password-stdin"],
                  input="a long enough password\n")
    reset = runner.invoke(args=["screening", "reset-password", "boss", "--password-stdin"], input=password + "\n")
    assert reset.exit_code == 2


# Twelve characters or more, and still among the first guesses (zxcvbn scores them below 3);
# the last is the account's own name with a year.
EASY = [("desk2", "password1234"), ("desk2", "qwertyuiop12"), ("desk2", "123456789012"),
        ("desk2", "Password2026!"), ("nurse.maria", "nurse.maria2026")]


@pytest.mark.sqlite_only
@pytest.mark.parametrize("username, password", EASY)
def test_the_admin_page_refuses_an_easy_password_beside_the_field(make_app, username, password):
    app = make_app()
    admin = signed_in_client(app, "admin")
    response = admin.post("/staff/admin/", data={"csrf_token": csrf_of(admin, "/staff/admin/"), "username": username,
                                                 "role": "front-desk", "password": password})
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    beside = page[page.index('name="password"') - 600:page.index('name="password"')]
    assert "This password is too easy to guess." in beside
    assert accounts(app) == ["admin"]
    # The username itself is no secret: the same password passes for another account name.
    if username == "nurse.maria":
        made = admin.post("/staff/admin/", data={"csrf_token": csrf_of(admin, "/staff/admin/"), "username": "desk9",
                                                 "role": "front-desk", "password": password})
        assert made.status_code == 303


@pytest.mark.sqlite_only
def test_the_easy_password_message_is_in_spanish(make_app):
    app = make_app()
    admin = signed_in_client(app, "admin")
    refused = admin.post("/staff/admin/?lang=es", data={"csrf_token": csrf_of(admin, "/staff/admin/?lang=es"),
                                                        "username": "desk2", "role": "front-desk",
                                                        "password": "password1234"})
    assert refused.status_code == 400
    assert "Esta contraseña es muy fácil de adivinar." in refused.get_data(as_text=True)


@pytest.mark.sqlite_only
@pytest.mark.parametrize("username, password", EASY)
def test_the_commands_refuse_an_easy_password(make_app, username, password):
    app = make_app()
    runner = app.test_cli_runner()
    made = runner.invoke(args=["screening", "create-user", username, "--role", "admin", "--password-stdin"],
                         input=password + "\n")
    assert made.exit_code == 2
    assert "too easy to guess" in made.output
    assert accounts(app) == []
    runner.invoke(args=["screening", "create-user", username, "--role", "admin", "--password-stdin"],
                  input="a long enough password\n")
    reset = runner.invoke(args=["screening", "reset-password", username, "--password-stdin"], input=password + "\n")
    assert reset.exit_code == 2
    assert "too easy to guess" in reset.output
