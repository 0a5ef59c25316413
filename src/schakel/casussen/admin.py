from schakel.casussen.models import Beraad, Bijdrage, Casus, CasusVersie, Maatwerkbesluit
from schakel.core.admin_base import register_read_only

register_read_only(Casus, CasusVersie, Beraad, Bijdrage, Maatwerkbesluit)
