"""The answers of the steps not on the page, carried in one signed hidden field.

Between steps nothing is stored: each page holds the other steps' answers as
sent, signed with the app's secret so a page can only carry what this server
put there. They are checked again, all of them, before a case is stored, so
the signature guards against mischief, not against mistakes. A field that is
missing, altered, or signed with an older secret carries nothing: the form
then asks again what it lacks, and never fails.
"""
from flask import current_app
from itsdangerous import BadData, URLSafeSerializer

FIELD = "answers"
SALT = "screening.intake.answers"


def _serializer():
    return URLSafeSerializer(current_app.secret_key, salt=SALT)


def dumps(answers):
    """{name: [text, ...]} as the hidden field's value."""
    return _serializer().dumps(answers)


def loads(text):
    """The carried answers, or {} when there are none to trust."""
    if not text:
        return {}
    try:
        answers = _serializer().loads(text)
    except BadData:
        return {}
    if not isinstance(answers, dict):
        return {}
    return {
        name: values
        for name, values in answers.items()
        if isinstance(name, str) and isinstance(values, list) and all(isinstance(v, str) for v in values)
    }
