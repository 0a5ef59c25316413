from schakel.core.admin_base import register_read_only
from schakel.organisaties.models import LadderTrede, Lid, Organisatie

register_read_only(Organisatie, LadderTrede, Lid)
