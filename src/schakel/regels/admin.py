from schakel.core.admin_base import register_read_only
from schakel.regels.models import Regel

register_read_only(Regel)
