"""Who may read what: the one place where visibility per organisation and role is decided. The API, the
web pages and exports all start from these querysets, so an item that is not visible is simply not found
(404), and nothing reveals that it exists.

Writes are checked by the services themselves (who may answer, decide, contribute); these functions only
decide what a member may see."""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import Exists, Q, QuerySet

from schakel.casussen.models import Beraad, Casus, Maatwerkbesluit
from schakel.core.stilten import stilten_van
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


def _earlier_recipients(model_label: str, lid: Lid) -> Q:
    """An organisation that let an item pass by in silence keeps seeing it after escalation. The silence
    is matched to the item in SQL the same way the public register does (`core/stilten.py`)."""
    return Q(Exists(stilten_van(model_label).filter(organisatie=lid.organisatie)))


def signalen_visible_for(lid: Lid) -> QuerySet[Signaal]:
    org = lid.organisatie
    return Signaal.objects.filter(
        Q(ontvanger_organisatie=org)
        | _earlier_recipients("signalen.signaal", lid)
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
        | _earlier_recipients("noodremmen.noodrem", lid)
        | Q(casus__organisatie=org)
        | Q(regel__uitvoerder=org)
        | Q(regel__eigenaar_organisatie=org)
        | Q(maatwerkbesluit__casus__organisatie=org)
        | Q(opdracht__uitvoerder=org)
        | Q(opdracht__opdrachtgever=org)
        | Q(van_organisatie=org)
    )


def onderwerp_verborgen_voor(lid: Lid, noodremmen: Iterable[Noodrem]) -> set[int]:
    """The brakes (pks) that reached this member while their casus, maatwerkbesluit or opdracht stays
    out of sight: escalation moves a brake up the ladder, into an organisation that may not open what it
    is about. Such a brake is shown without naming its subject, as the API shows only the subject's uuid.

    Each brake's casus, maatwerkbesluit with its casus, and opdracht must be loaded (select_related). A
    subject of the member's own organisation, or of a shared casus, is visible by the definitions above
    without asking the database; otherwise one query per kind decides."""
    org = lid.organisatie_id
    te_vragen: dict[str, dict[int, int]] = {"casus": {}, "maatwerkbesluit": {}, "opdracht": {}}
    for n in noodremmen:
        if (c := n.casus) is not None and not (c.organisatie_id == org or c.gedeeld):
            te_vragen["casus"][n.pk] = c.pk
        if (m := n.maatwerkbesluit) is not None and not (m.casus.organisatie_id == org or m.casus.gedeeld):
            te_vragen["maatwerkbesluit"][n.pk] = m.pk
        if (o := n.opdracht) is not None and org not in (o.opdrachtgever_id, o.uitvoerder_id):
            te_vragen["opdracht"][n.pk] = o.pk
    zichtbaar_voor = {
        "casus": casussen_visible_for,
        "maatwerkbesluit": maatwerkbesluiten_visible_for,
        "opdracht": opdrachten_visible_for,
    }
    verborgen: set[int] = set()
    for soort, onderwerp_van in te_vragen.items():
        if not onderwerp_van:
            continue
        gevraagd = set(onderwerp_van.values())
        zichtbaar = set(zichtbaar_voor[soort](lid).filter(pk__in=gevraagd).values_list("pk", flat=True))
        verborgen |= {pk for pk, onderwerp in onderwerp_van.items() if onderwerp not in zichtbaar}
    return verborgen
