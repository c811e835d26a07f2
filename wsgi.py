"""The standalone app: `flask --app wsgi run`, or `gunicorn wsgi:app`."""
from screening.app import create_app

app = create_app()
