from schakel.core.admin_base import register_read_only
from schakel.opdrachten.models import Opdracht, OpdrachtBesluit, OpdrachtVersie, Uitvoeringstoets

register_read_only(Opdracht, OpdrachtVersie, Uitvoeringstoets, OpdrachtBesluit)
