"""Base layout, login/logout and choosing a membership."""

from __future__ import annotations

import re

from django.contrib.auth import get_user_model

from schakel.organisaties.models import Rol
from schakel.organisaties.services import lid_add
from schakel.web.views.common import SESSION_LID


def test_start_page_has_landmarks_and_dutch_language(client, db):
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="nl"' in html
    assert 'href="#inhoud"' in html and 'id="inhoud"' in html
    assert "<main" in html and "<nav" in html and "<header" in html
    assert "web/vendor/components.css" in html
    assert "Stand van zaken" in html


def test_pages_for_members_redirect_anonymous_users_to_login(client, world):
    for url in ["/werkvoorraad/", "/casussen/", "/regels/", "/lidmaatschap/"]:
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith("/inloggen/?next="), url


def test_login_with_wrong_password_shows_dutch_error_in_summary(client, world):
    user = world.lid("uo.professional").gebruiker
    user.set_password("goed-wachtwoord-123")
    user.save()
    response = client.post("/inloggen/", {"username": user.username, "password": "fout"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "foutoverzicht" in html
    assert "gebruikersnaam" in html.lower()
    response = client.post("/inloggen/", {"username": user.username, "password": "goed-wachtwoord-123"})
    assert response.status_code == 302
    assert response["Location"] == "/werkvoorraad/"


def test_login_form_fields_have_labels(client, db):
    html = client.get("/inloggen/").content.decode()
    for field in ("id_username", "id_password"):
        assert f'for="{field}"' in html and f'id="{field}"' in html


def test_logout_is_a_post(login):
    client = login("uo.professional")
    response = client.post("/uitloggen/")
    assert response.status_code == 302
    assert client.get("/werkvoorraad/").status_code == 302


def test_member_with_several_memberships_chooses_one(client, world):
    professional = world.lid("uo.professional")
    tweede = lid_add(
        actor="test",
        organisatie=world.gemeente,
        rol=Rol.PROFESSIONAL,
        gebruikersnaam=professional.gebruiker.username,
    )
    client.force_login(professional.gebruiker)
    response = client.get("/werkvoorraad/")
    assert response.status_code == 302
    assert response["Location"].startswith("/lidmaatschap/?next=")

    page = client.get("/lidmaatschap/?next=/werkvoorraad/")
    assert page.status_code == 200
    assert "Gemeente" in page.content.decode() and "Uitvoerder" in page.content.decode()

    bad = client.post("/lidmaatschap/", {"lid": "niet-van-mij", "next": "/werkvoorraad/"})
    assert bad.status_code == 400
    assert "Kies een lidmaatschap." in bad.content.decode()
    assert SESSION_LID not in client.session

    ok = client.post("/lidmaatschap/", {"lid": str(tweede.uuid), "next": "/werkvoorraad/"})
    assert ok.status_code == 302 and ok["Location"] == "/werkvoorraad/"
    assert client.session[SESSION_LID] == str(tweede.uuid)
    assert "Professional bij Gemeente" in client.get("/werkvoorraad/").content.decode()


def test_open_redirect_is_refused(client, world):
    lid = world.lid("uo.professional")
    client.force_login(lid.gebruiker)
    response = client.post("/lidmaatschap/", {"lid": str(lid.uuid), "next": "https://kwaad.example/"})
    assert response["Location"] == "/werkvoorraad/"


def test_user_without_membership_gets_a_dutch_explanation(client, db):
    user = get_user_model().objects.create_user("zonder-lid", password="x" * 12)
    client.force_login(user)
    response = client.get("/werkvoorraad/")
    assert response.status_code == 403
    assert "geen lid" in response.content.decode()


def test_every_input_has_a_label(login, world):
    from tests.factories import RegelFactory

    regel = RegelFactory(uitvoerder=world.uitvoerder)
    client = login("uo.professional")
    html = client.get(f"/noodrem-trekken/regel/{regel.uuid}/").content.decode()
    ids = re.findall(r'<(?:input|textarea|select)[^>]*\bid="([^"]+)"', html)
    assert ids
    for id_ in ids:
        assert f'for="{id_}"' in html, id_
