"""The vertrouwenspersoon's own view: the confidential pullers from their organisation, and no one else's."""

from __future__ import annotations

from schakel.noodremmen.models import Anonimiteit
from tests.factories import noodrem


def test_vertrouwenspersoon_sees_who_pulled_confidentially_from_their_organisation(world, login):
    vertrouwelijk = noodrem(world, anonimiteit=Anonimiteit.VERTROUWELIJK)
    noodrem(world, anonimiteit=Anonimiteit.GENOEMD)
    response = login("uo.vertrouwenspersoon").get("/vertrouwelijk/")
    assert response.status_code == 200
    html = response.content.decode()
    assert world.professional.gebruiker.get_username() in html
    assert "Vertrouwelijke noodremmen (1)" in html
    assert str(vertrouwelijk.regel) in html
    assert 'href="/vertrouwelijk/"' in html  # in the main menu, for this role only


def test_other_organisations_vertrouwenspersoon_sees_nothing(world, login):
    noodrem(world, anonimiteit=Anonimiteit.VERTROUWELIJK)
    html = login("gem.vertrouwenspersoon").get("/vertrouwelijk/").content.decode()
    assert world.professional.gebruiker.get_username() not in html
    assert "Er zijn geen vertrouwelijke meldingen" in html


def test_other_roles_are_refused_and_the_recipient_never_learns_the_name(world, login):
    n = noodrem(world, anonimiteit=Anonimiteit.VERTROUWELIJK)
    recipient = f"{n.ontvanger_organisatie.code}.{n.ontvanger_rol}"
    client = login(recipient)
    response = client.get("/vertrouwelijk/")
    assert response.status_code == 403
    assert world.professional.gebruiker.get_username() not in response.content.decode()
    assert 'href="/vertrouwelijk/"' not in client.get("/werkvoorraad/").content.decode()
