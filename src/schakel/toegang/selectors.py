"""Who may read what: the one place where visibility per organisation and role is decided. The API, the
web pages and exports all start from these querysets, so an item that is not visible is simply not found
(404), and nothing reveals that it exists.

Writes are checked by the services themselves (who may answer, decide, contribute); these functions only
decide what a member may see."""

from __future__ import annotations

import uuid

from django.db.models import Q, QuerySet

from schakel.casussen.models import Beraad, Casus, Maatwerkbesluit
from schakel.core.obligations import Stilte
from schakel.noodremmen.models import Noodrem
from schakel.opdrachten.models import Opdracht
from schakel.organisaties.models import Lid
from schakel.signalen.models import Signaal


def casussen_visible_for(lid: Lid) -> QuerySet[Casus]:
    """The handling organisation, the invited participants of a beraad, and — for casussen shared with the
    learning network — every member."""
    org = lid.organisatie
    invited = Beraad.objects.filter(deelnemers=lid).values("casus_id")
    return Casus.objects.filter(Q(organisatie=org) | Q(pk__in=invited) | Q(gedeeld=True))


def beraden_visible_for(lid: Lid) -> QuerySet[Beraad]:
    return Beraad.objects.filter(Q(casus__organisatie=lid.organisatie) | Q(deelnemers=lid)).distinct()


def maatwerkbesluiten_visible_for(lid: Lid) -> QuerySet[Maatwerkbesluit]:
    return Maatwerkbesluit.objects.filter(casus__in=casussen_visible_for(lid))


def _earlier_recipients(model_label: str, lid: Lid) -> list[uuid.UUID]:
    """An organisation that let an item pass by in silence keeps seeing it after escalation.

    Resolved to uuids first: Stilte refers to items by their uuid as text, and a text-to-uuid comparison
    in SQL differs per database (PostgreSQL has no such operator; SQLite stores uuids without dashes)."""
    ids = Stilte.objects.filter(onderwerp_type=model_label, organisatie=lid.organisatie).values_list(
        "onderwerp_id", flat=True
    )
    return [uuid.UUID(i) for i in ids]


def signalen_visible_for(lid: Lid) -> QuerySet[Signaal]:
    org = lid.organisatie
    return Signaal.objects.filter(
        Q(ontvanger_organisatie=org)
        | Q(uuid__in=_earlier_recipients("signalen.signaal", lid))
        | Q(indiener__organisatie=org)
        | Q(regel__uitvoerder=org)
        | Q(regel__eigenaar_organisatie=org)
    )


def opdrachten_visible_for(lid: Lid) -> QuerySet[Opdracht]:
    org = lid.organisatie
    return Opdracht.objects.filter(Q(opdrachtgever=org) | Q(uitvoerder=org))


def noodremmen_visible_for(lid: Lid) -> QuerySet[Noodrem]:
    """Members see the brakes their organisation receives or received, those about what it handles or
    owns, and those pulled from it. Never who pulled a confidential or anonymous brake: that is a matter
    of the serializers showing only `getrokken_door` of named pullers, and of NoodremMelder being read
    only through `melder_zichtbaar_voor`."""
    org = lid.organisatie
    return Noodrem.objects.filter(
        Q(ontvanger_organisatie=org)
        | Q(uuid__in=_earlier_recipients("noodremmen.noodrem", lid))
        | Q(casus__organisatie=org)
        | Q(regel__uitvoerder=org)
        | Q(regel__eigenaar_organisatie=org)
        | Q(maatwerkbesluit__casus__organisatie=org)
        | Q(opdracht__uitvoerder=org)
        | Q(opdracht__opdrachtgever=org)
        | Q(van_organisatie=org)
    )
