from schakel.core.admin_base import register_read_only
from schakel.kamervragen.models import Kamervraag, KamervraagAntwoord

register_read_only(Kamervraag, KamervraagAntwoord)
