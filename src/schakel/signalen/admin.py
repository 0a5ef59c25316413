from schakel.core.admin_base import register_read_only
from schakel.signalen.models import Signaal, SignaalAntwoord

register_read_only(Signaal, SignaalAntwoord)
