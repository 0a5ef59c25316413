from __future__ import annotations

import datetime as dt

from django.utils import timezone

from schakel.core.models import LedgerEvent
from schakel.signalen.workflow import SignaalStatus
from tests.factories import TOELICHTING, casus, signaal


def owner_key(s) -> str:  # type: ignore[no-untyped-def]
    return f"{s.ontvanger_organisatie.code}.{s.ontvanger_rol}"


def test_signaal_detail_for_owner_with_form_and_404_for_others(world, login):
    s = signaal(world)
    html = login(owner_key(s)).get(f"/signalen/{s.uuid}/").content.decode()
    assert s.titel in html and "Beantwoorden: opvolgen of uitleggen" in html
    assert "Termijn: 30 werkdagen" in html
    assert login("gem.professional").get(f"/signalen/{s.uuid}/").status_code == 404


def test_signaal_comply_needs_a_date_error_next_to_it(world, login):
    s = signaal(world)
    events = LedgerEvent.objects.count()
    client = login(owner_key(s))
    bad = client.post(
        f"/signalen/{s.uuid}/beantwoorden/",
        {"soort": "comply", "toelichting": TOELICHTING, "maatregel": "De regel wordt aangepast."},
    )
    assert bad.status_code == 400
    assert 'id="id_gereed_op-fout"' in bad.content.decode()
    assert "Zeg wanneer de verandering klaar is." in bad.content.decode()
    assert LedgerEvent.objects.count() == events

    datum = (timezone.localdate() + dt.timedelta(days=30)).isoformat()
    ok = client.post(
        f"/signalen/{s.uuid}/beantwoorden/",
        {
            "soort": "comply",
            "toelichting": TOELICHTING,
            "maatregel": "De regel wordt aangepast.",
            "gereed_op": datum,
        },
    )
    assert ok.status_code == 302
    s.refresh_from_db()
    assert s.status == SignaalStatus.BEANTWOORD


def test_signaal_bad_date_is_a_dutch_error(world, login):
    s = signaal(world)
    bad = login(owner_key(s)).post(
        f"/signalen/{s.uuid}/beantwoorden/",
        {"soort": "comply", "toelichting": TOELICHTING, "maatregel": "Ja.", "gereed_op": "morgen"},
    )
    assert bad.status_code == 400
    assert "Vul een geldige datum in" in bad.content.decode()


def test_casus_list_and_detail_with_rules_principles_and_verified_timeline(world, login):
    c = casus(world, titel="Senior kan geen digitale aangifte doen")
    client = login("uo.professional")
    lijst = client.get("/casussen/").content.decode()
    assert "Senior kan geen digitale aangifte doen" in lijst
    html = client.get(f"/casussen/{c.uuid}/").content.decode()
    assert c.regels.first().titel in html
    assert "Evenredigheid" in html
    assert "Casus vastgelegd" in html
    assert "Logboek gecontroleerd" in html


def test_casus_timeline_shows_broken_record(world, login):
    c = casus(world)
    eigen = LedgerEvent.objects.filter(subject_id=str(c.uuid)).order_by("seq").first()
    LedgerEvent.objects.filter(pk=eigen.pk).update(actor="iemand")
    html = login("uo.professional").get(f"/casussen/{c.uuid}/").content.decode()
    assert "het logboek klopt niet" in html


def test_casus_timeline_notices_a_rewritten_predecessor(world, login):
    # The page checks the item's events and their links; rewriting the event before one (and its hash)
    # breaks the link even though the item's own rows are untouched.
    c = casus(world)
    eigen = LedgerEvent.objects.filter(subject_id=str(c.uuid)).order_by("seq").first()
    LedgerEvent.objects.filter(seq=eigen.seq - 1).update(hash="f" * 64)
    html = login("uo.professional").get(f"/casussen/{c.uuid}/").content.decode()
    assert "het logboek klopt niet" in html


def test_casus_of_another_organisation_is_not_listed_and_404(world, login):
    c = casus(world, titel="Geheime casus")
    client = login("gem.professional")
    assert "Geheime casus" not in client.get("/casussen/").content.decode()
    assert client.get(f"/casussen/{c.uuid}/").status_code == 404
