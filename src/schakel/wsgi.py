import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "schakel.settings")
application = get_wsgi_application()

# Serving requests needs a strong SCHAKEL_SECRET_KEY unless DEBUG is on (gunicorn and runserver load this).
from schakel.beveiliging.sleutel import eis_sterke_sleutel  # noqa: E402

eis_sterke_sleutel()
