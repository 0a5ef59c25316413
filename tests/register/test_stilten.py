"""Silences are matched to their items in SQL one way, on SQLite and PostgreSQL alike: the register's first
recipient and the visibility of an item to the organisation that let it pass by both use it."""

from __future__ import annotations

import datetime as dt

import pytest

from schakel.beheer.tick import tick
from schakel.core.stilten import UuidText, stilten_van
from schakel.kamervragen.models import Kamervraag
from schakel.kamervragen.selectors import kamervragen_publiek, kamervragen_visible_for
from schakel.kamervragen.services import kamervraag_stellen
from schakel.noodremmen.models import Noodrem
from schakel.register.selectors import noodremmen_qs, signalen_qs
from schakel.signalen.models import Signaal
from schakel.toegang.selectors import _earlier_recipients
from tests.factories import noodrem, signaal
from tests.register.test_register import VRAAG

pytestmark = pytest.mark.django_db


def test_uuid_text_is_the_text_the_silence_stores(world):
    kv = kamervraag_stellen(door=world.lid("tk.griffie"), organisatie=world.uitvoerder, vraag=VRAAG)
    text = Kamervraag.objects.annotate(t=UuidText("uuid")).values_list("t", flat=True).get(pk=kv.pk)
    assert text == str(kv.uuid)


def test_first_recipient_and_earlier_recipients_after_escalation(world):
    long_ago = dt.datetime.now(dt.UTC) - dt.timedelta(days=400)
    s = signaal(world, now=long_ago)
    n = noodrem(world, now=long_ago)
    kv = kamervraag_stellen(
        door=world.lid("tk.griffie"), organisatie=world.gemeente, vraag=VRAAG, now=long_ago
    )
    first = {
        Signaal: s.ontvanger_organisatie_id,
        Noodrem: n.ontvanger_organisatie_id,
        Kamervraag: world.gemeente.pk,
    }
    now = dt.datetime.now(dt.UTC)
    for _ in range(6):  # until every item has left its first organisation
        tick(now=now)
        now += dt.timedelta(days=60)
    for item in (s, n, kv):
        item.refresh_from_db()
        assert item.escalatieniveau >= 1 and item.ontvanger_organisatie_id != first[type(item)]
        assert stilten_van(item._meta.label_lower, item.uuid).filter(niveau=0).count() == 1
    assert signalen_qs().get(pk=s.pk).eerste_org_id == first[Signaal]
    assert noodremmen_qs().get(pk=n.pk).eerste_org_id == first[Noodrem]
    assert kamervragen_publiek().get(pk=kv.pk).eerste_org_id == first[Kamervraag]
    # The organisation that let the term pass still sees the item; an uninvolved one does not.
    bestuur, ombudsman = world.lid("uo.bestuur"), world.lid("no.bestuur")
    assert Signaal.objects.filter(_earlier_recipients("signalen.signaal", bestuur), pk=s.pk).exists()
    assert Noodrem.objects.filter(_earlier_recipients("noodremmen.noodrem", bestuur), pk=n.pk).exists()
    assert not Signaal.objects.filter(_earlier_recipients("signalen.signaal", ombudsman)).exists()
    assert not Noodrem.objects.filter(_earlier_recipients("noodremmen.noodrem", ombudsman)).exists()
    assert kamervragen_visible_for(world.lid("gem.bestuur")).filter(pk=kv.pk).exists()
    assert not kamervragen_visible_for(ombudsman).filter(pk=kv.pk).exists()
