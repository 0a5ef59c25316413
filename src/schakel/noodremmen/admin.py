from schakel.core.admin_base import register_read_only
from schakel.noodremmen.models import Bericht, Noodrem, NoodremAntwoord

# NoodremMelder is deliberately absent: the confidential puller is for the vertrouwenspersoon only.
register_read_only(Noodrem, NoodremAntwoord, Bericht)
