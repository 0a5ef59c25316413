from schakel.beginselen.models import Beginsel
from schakel.core.admin_base import register_read_only

register_read_only(Beginsel)
