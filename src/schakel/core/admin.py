from schakel.core.admin_base import register_read_only
from schakel.core.models import LedgerEvent, Mailbericht, Notificatie
from schakel.core.obligations import Stilte

register_read_only(LedgerEvent, Notificatie, Mailbericht, Stilte)
