from __future__ import annotations

from uuid import UUID

from schakel.casussen.models import Beraad, Casus, Maatwerkbesluit
from schakel.core.errors import NietGevonden


def casus_get(uuid: UUID | str) -> Casus:
    try:
        return Casus.objects.select_related("organisatie", "behandelaar").get(uuid=uuid)
    except (Casus.DoesNotExist, ValueError) as exc:
        raise NietGevonden("Deze casus bestaat niet.", field="casus") from exc


def beraad_get(uuid: UUID | str) -> Beraad:
    try:
        return Beraad.objects.select_related("casus", "voorzitter").get(uuid=uuid)
    except (Beraad.DoesNotExist, ValueError) as exc:
        raise NietGevonden("Dit beraad bestaat niet.", field="beraad") from exc


def maatwerkbesluit_get(uuid: UUID | str) -> Maatwerkbesluit:
    try:
        return Maatwerkbesluit.objects.select_related("casus", "regel").get(uuid=uuid)
    except (Maatwerkbesluit.DoesNotExist, ValueError) as exc:
        raise NietGevonden("Dit maatwerkbesluit bestaat niet.", field="maatwerkbesluit") from exc
