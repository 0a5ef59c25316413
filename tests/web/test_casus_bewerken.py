"""Recording a casus (pseudonymised on save), correcting its text, closing it, and the casus list filters."""

from __future__ import annotations

from schakel.casussen.models import Casus
from schakel.casussen.workflow import CasusStatus
from schakel.core.models import LedgerEvent
from tests.factories import MOTIVERING, RegelFactory, casus
from tests.web.werk_helpers import assert_constant_queries, error_next_to

OMSCHRIJVING = (
    "Jan de Vries, BSN 123456782, krijgt het hele voorschot in één keer teruggevorderd en komt daardoor "
    "in de schulden."
)


def test_new_casus_form_says_the_text_is_pseudonymised(world, login):
    html = login("uo.professional").get("/casussen/nieuw/").content.decode()
    assert "Uw tekst wordt gepseudonimiseerd." in html
    assert 'name="regels"' in html and 'name="beginselen"' in html


def test_new_casus_is_stored_pseudonymised_and_shown_as_stored(world, login):
    regel = RegelFactory(uitvoerder=world.uitvoerder, titel="Terugvordering voorschot")
    client = login("uo.professional")
    response = client.post(
        "/casussen/nieuw/",
        {
            "titel": "Voorschot in één keer terug",
            "omschrijving": OMSCHRIJVING,
            "regels": [str(regel.uuid)],
            "beginselen": ["AWB-EVENREDIGHEID"],
        },
        follow=True,
    )
    assert response.status_code == 200
    c = Casus.objects.get(titel="Voorschot in één keer terug")
    assert "123456782" not in c.omschrijving and "[BSN]" in c.omschrijving
    html = response.content.decode()
    assert "Schakel heeft persoonsgegevens in de tekst vervangen" in html
    assert c.omschrijving in html and "123456782" not in html
    assert list(c.beginselen.values_list("code", flat=True)) == ["AWB-EVENREDIGHEID"]


def test_new_casus_errors_next_to_the_field_in_dutch_and_nothing_stored(world, login):
    events = LedgerEvent.objects.count()
    response = login("uo.professional").post("/casussen/nieuw/", {"titel": "", "omschrijving": "Iets"})
    assert response.status_code == 400
    html = response.content.decode()
    assert 'id="foutoverzicht"' in html
    assert error_next_to(html, "id_titel", "Vul de titel in.")
    assert error_next_to(html, "id_regels", "Noem ten minste één regel die in deze casus knelt.")
    assert LedgerEvent.objects.count() == events


def test_new_casus_denied_to_roles_that_do_not_handle_cases(world, login):
    response = login("min.beleidsdirectie").get("/casussen/nieuw/")
    assert response.status_code == 403
    assert "Alleen een professional, teamleider of maatwerkcoördinator" in response.content.decode()
    assert login("min.beleidsdirectie").post("/casussen/nieuw/", {}).status_code == 403


def test_new_casus_needs_login(client, world):
    response = client.get("/casussen/nieuw/")
    assert response.status_code == 302 and "/inloggen/" in response["Location"]


def test_correct_text_makes_a_new_version(world, login):
    c = casus(world, titel="Oude titel")
    client = login("uo.professional")
    form = client.get(f"/casussen/{c.uuid}/corrigeren/").content.decode()
    assert "Oude titel" in form and "versie 1" in form
    response = client.post(
        f"/casussen/{c.uuid}/corrigeren/", {"titel": "Nieuwe titel", "omschrijving": OMSCHRIJVING}
    )
    assert response.status_code == 302
    c.refresh_from_db()
    assert (c.titel, c.versie) == ("Nieuwe titel", 2)
    assert "[BSN]" in c.omschrijving


def test_correct_refused_for_other_organisation_and_unseen_casus(world, login):
    c = casus(world)
    assert login("gem.professional").get(f"/casussen/{c.uuid}/corrigeren/").status_code == 404
    c.gedeeld = True
    Casus.objects.filter(pk=c.pk).update(gedeeld=True)
    response = login("gem.professional").post(
        f"/casussen/{c.uuid}/corrigeren/", {"titel": "X", "omschrijving": OMSCHRIJVING}
    )
    assert response.status_code == 403
    c.refresh_from_db()
    assert c.versie == 1


def test_correct_empty_title_error_next_to_field(world, login):
    c = casus(world)
    response = login("uo.professional").post(
        f"/casussen/{c.uuid}/corrigeren/", {"titel": " ", "omschrijving": "x"}
    )
    assert response.status_code == 400
    assert error_next_to(response.content.decode(), "id_titel", "Vul de titel in.")


def test_close_casus_with_motivation(world, login):
    c = casus(world)
    client = login("uo.teamleider")
    bad = client.post(f"/casussen/{c.uuid}/afsluiten/", {"motivering": "Te kort."})
    assert bad.status_code == 400
    assert error_next_to(bad.content.decode(), "id_motivering", "schrijf ten minste 8 woorden")
    ok = client.post(f"/casussen/{c.uuid}/afsluiten/", {"motivering": MOTIVERING})
    assert ok.status_code == 302
    c.refresh_from_db()
    assert c.status == CasusStatus.AFGEROND
    again = client.post(f"/casussen/{c.uuid}/afsluiten/", {"motivering": MOTIVERING})
    assert again.status_code == 400 and "foutoverzicht" in again.content.decode()


def test_close_casus_denied_to_a_vertrouwenspersoon(world, login):
    c = casus(world)
    assert login("uo.vertrouwenspersoon").get(f"/casussen/{c.uuid}/afsluiten/").status_code == 403


def test_casus_detail_shows_the_actions_only_to_those_who_may(world, login):
    c = casus(world)
    html = login("uo.maatwerkcoordinator").get(f"/casussen/{c.uuid}/").content.decode()
    for url in ("corrigeren/", "beraad/", "maatwerk/", "afsluiten/"):
        assert f"/casussen/{c.uuid}/{url}" in html
    html = login("uo.vertrouwenspersoon").get(f"/casussen/{c.uuid}/").content.decode()
    assert f"/casussen/{c.uuid}/corrigeren/" not in html


def test_casus_list_filters_on_status_organisation_and_rule(world, login):
    regel = RegelFactory(uitvoerder=world.uitvoerder, titel="Speciale regel")
    a = casus(world, titel="Met speciale regel", regels=[regel])
    casus(world, titel="Andere casus")
    client = login("uo.professional")
    html = client.get("/casussen/", {"regel": str(regel.uuid)}).content.decode()
    assert a.titel in html and "Andere casus" not in html
    html = client.get("/casussen/", {"status": "afgerond"}).content.decode()
    assert a.titel not in html
    html = client.get("/casussen/", {"organisatie": "uo"}).content.decode()
    assert a.titel in html and "Andere casus" in html
    assert client.get("/casussen/", {"status": "onzin"}).status_code == 400
    assert "Nieuwe casus vastleggen" in client.get("/casussen/").content.decode()


def test_casus_list_filtered_query_count_is_constant(world, login):
    regel = RegelFactory(uitvoerder=world.uitvoerder)
    assert_constant_queries(
        login("uo.professional"),
        f"/casussen/?status=open&regel={regel.uuid}",
        lambda: casus(world, regels=[regel]),
    )


def test_new_casus_page_query_count_does_not_grow_with_rules(world, login):
    assert_constant_queries(
        login("uo.professional"), "/casussen/nieuw/", lambda: RegelFactory(uitvoerder=world.uitvoerder)
    )
