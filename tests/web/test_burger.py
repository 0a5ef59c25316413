"""The citizen portal: file without an account, receive a receipt code, follow it by POSTing the code."""

from __future__ import annotations

import re

from schakel.noodremmen.models import Bericht, Noodrem
from schakel.noodremmen.workflow import NoodremStatus
from tests.factories import noodrem

MOTIVERING = "Mijn moeder van 84 kan geen digitale aangifte doen en niemand aan de balie wilde helpen."


def _file(client):  # type: ignore[no-untyped-def]
    return client.post(
        "/burger/indienen/",
        {
            "burger_soort": "klacht",
            "organisatie": "gem",
            "zaak_kenmerk": "Z-2026-0042",
            "beginselen": ["NO-MAATWERK"],
            "motivering": MOTIVERING,
        },
    )


def test_portal_pages_render_without_account(client, world):
    for url in ["/burger/", "/burger/indienen/", "/burger/volgen/"]:
        assert client.get(url).status_code == 200, url
    assert "Maatwerk" in client.get("/burger/indienen/").content.decode()


def test_file_a_complaint_and_get_a_receipt_code(client, world):
    response = _file(client)
    assert response.status_code == 201
    html = response.content.decode()
    code = re.search(r"[A-Z2-9]{5}(?:-[A-Z2-9]{5}){4}", html)
    assert code is not None
    n = Noodrem.objects.get()
    assert n.ontvanger_organisatie == world.gemeente
    assert n.zaak_kenmerk == "Z-2026-0042"


def test_bad_complaint_shows_errors_next_to_fields_and_files_nothing(client, world):
    response = client.post("/burger/indienen/", {"organisatie": "gem", "motivering": "Kort."})
    assert response.status_code == 400
    html = response.content.decode()
    for field in ("burger_soort", "beginselen"):
        assert f'id="id_{field}-fout"' in html
    assert "Kies bezwaar of klacht." in html
    assert Noodrem.objects.count() == 0

    response = client.post(
        "/burger/indienen/",
        {
            "burger_soort": "klacht",
            "organisatie": "gem",
            "beginselen": ["NO-MAATWERK"],
            "motivering": "Kort.",
        },
    )
    assert response.status_code == 400
    assert 'id="id_motivering-fout"' in response.content.decode()
    assert Noodrem.objects.count() == 0


def test_follow_with_code_posted_not_in_url_and_send_message(client, world):
    n = noodrem(world, niveau="burger", state="opgevolgd")
    response = client.post("/burger/volgen/", {"ontvangstcode": n.ontvangstcode})
    assert response.status_code == 302
    assert n.ontvangstcode not in response["Location"]
    page = client.get(response["Location"])
    html = page.content.decode()
    assert "De organisatie doet wat u vroeg" in html
    assert "Het besluit is teruggedraaid." in html
    assert n.ontvangstcode not in html

    bad = client.post("/burger/zaak/bericht/", {"tekst": ""})
    assert bad.status_code == 400
    assert 'id="id_tekst-fout"' in bad.content.decode()
    assert Bericht.objects.count() == 0

    ok = client.post("/burger/zaak/bericht/", {"tekst": "Dank u wel."})
    assert ok.status_code == 302
    bericht = Bericht.objects.get()
    assert bericht.van_burger and bericht.noodrem == n
    assert "Dank u wel." in client.get("/burger/zaak/").content.decode()

    client.post("/burger/zaak/sluiten/")
    assert client.get("/burger/zaak/")["Location"] == "/burger/volgen/"


def test_wrong_code_is_a_dutch_error_and_throttled(client, world, settings):
    n = noodrem(world, niveau="burger")
    response = client.post("/burger/volgen/", {"ontvangstcode": "AAAAA-AAAAA-AAAAA-AAAAA-AAAAA"})
    assert response.status_code == 400
    assert "Bij deze code vinden we niets" in response.content.decode()
    assert 'id="id_ontvangstcode-fout"' in response.content.decode()
    for _ in range(25):
        response = client.post("/burger/volgen/", {"ontvangstcode": "AAAAA-AAAAA-AAAAA-AAAAA-AAAAA"})
    assert response.status_code == 429
    # even the right code waits once the limit is reached
    assert client.post("/burger/volgen/", {"ontvangstcode": n.ontvangstcode}).status_code == 429


def test_zaak_page_without_opened_code_redirects(client, db):
    assert client.get("/burger/zaak/")["Location"] == "/burger/volgen/"


def test_recipient_reads_the_citizen_message_but_not_who_it_is(client, world, login):
    n = noodrem(world, niveau="burger")
    client.post("/burger/volgen/", {"ontvangstcode": n.ontvangstcode})
    client.post("/burger/zaak/bericht/", {"tekst": "Is er al nieuws?"})
    assert n.status == NoodremStatus.GETROKKEN
    html = (
        login(f"{n.ontvanger_organisatie.code}.{n.ontvanger_rol}")
        .get(f"/noodremmen/{n.uuid}/")
        .content.decode()
    )
    assert "Is er al nieuws?" in html and "De indiener" in html
