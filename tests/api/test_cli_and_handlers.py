"""Token command, revocation, OIDC off by default, and the error pages under /api/."""

from __future__ import annotations

import io

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import Client
from rest_framework.test import APIClient

from schakel.api.models import ApiToken
from schakel.core.errors import NietGevonden, ValidatieFout


def run(*args: str) -> str:
    out = io.StringIO()
    call_command(*args, stdout=out)
    return out.getvalue().strip()


def test_token_create_prints_a_token_that_opens_the_api_and_is_stored_hashed(world):
    token = run("token", "create", "--user", "uo-professional")
    assert token.startswith("sk_") and len(token) > 40
    assert not ApiToken.objects.filter(sleutel_hash=token).exists()
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    response = client.get("/api/v1/ik/")
    assert response.status_code == 200
    assert response.json()["gebruiker"] == "uo-professional"


def test_revoked_token_no_longer_opens_the_api(world):
    token = run("token", "create", "--user", "uo-professional")
    assert token[:8] in run("token", "list")
    assert run("token", "revoke", token[:8]) == "1 token(s) ingetrokken"
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    response = client.get("/api/v1/ik/")
    assert response.status_code in (401, 403)
    assert response["Content-Type"] == "application/problem+json"
    assert "ingetrokken" in run("token", "list", "--user", "uo-professional")


def test_token_for_unknown_user_or_prefix_is_a_clear_error(world):
    with pytest.raises(NietGevonden, match="niemand"):
        run("token", "create", "--user", "niemand")
    with pytest.raises(ValidatieFout):
        run("token", "revoke", "sk_")


def test_malformed_authorization_header_is_refused(world):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION="Token a b")
    assert client.get("/api/v1/ik/").status_code in (401, 403)


def test_single_sign_on_is_off_by_default():
    assert settings.OIDC_ENABLED is False
    assert "mozilla_django_oidc" not in settings.INSTALLED_APPS
    assert Client().get("/oidc/authenticate/").status_code == 404


@pytest.mark.django_db
def test_unknown_api_address_is_problem_json_without_internals(settings):
    settings.DEBUG = False
    response = Client().get("/api/v1/bestaat-niet/")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/problem+json"
    assert "URLconf" not in response.content.decode()


def test_server_error_under_api_is_problem_json_without_a_stack_trace(rf):
    from schakel.api.problems import server_error

    response = server_error(rf.get("/api/v1/noodremmen/"))
    assert response.status_code == 500
    assert response["Content-Type"] == "application/problem+json"
    assert b"Traceback" not in response.content
    assert server_error(rf.get("/")).status_code == 500


def test_field_errors_are_dutch_even_where_drf_has_no_translation(world, client_for):
    response = client_for("uo.professional").post(
        "/api/v1/noodremmen/",
        {"niveau": "professional", "regel": "geen-uuid", "beginselen": ["X"] * 51, "motivering": "x"},
        format="json",
    )
    assert response.status_code == 400
    reasons = {p["name"]: p["reason"] for p in response.json()["invalid_params"]}
    assert reasons["regel"] == "Geef een geldige uuid."
    assert reasons["beginselen"] == "Geef hoogstens 50 elementen."


def test_invalid_cursor_is_a_400_naming_the_parameter(world, client_for):
    response = client_for("uo.professional").get("/api/v1/noodremmen/?cursor=onzin")
    assert response.status_code == 400
    assert response.json()["invalid_params"][0]["name"] == "cursor"


OIDC = {
    "OIDC_RP_CLIENT_ID": "schakel",
    "OIDC_RP_CLIENT_SECRET": "geheim",
    "OIDC_OP_TOKEN_ENDPOINT": "https://idp.example/token",
    "OIDC_OP_USER_ENDPOINT": "https://idp.example/userinfo",
    "OIDC_OP_JWKS_ENDPOINT": "https://idp.example/jwks",
    "OIDC_RP_SIGN_ALGO": "RS256",
}


def test_single_sign_on_matches_existing_users_and_never_creates_them(world, settings):
    from schakel.api.oidc import SchakelOIDCBackend

    for name, value in OIDC.items():
        setattr(settings, name, value)
    backend = SchakelOIDCBackend()
    assert list(backend.filter_users_by_claims({"preferred_username": "uo-professional"})) == [
        world.professional.gebruiker
    ]
    assert not backend.filter_users_by_claims({"preferred_username": "onbekend"}).exists()
    assert backend.verify_claims({"email": "x@example.nl"}) is False


def test_an_escalated_item_stays_visible_to_the_organisation_that_was_silent(world, client_for):
    import datetime as dt

    from schakel.beheer.tick import tick
    from tests.factories import noodrem

    item = noodrem(world)
    first = f"{item.ontvanger_organisatie.code}.{item.ontvanger_rol}"
    for _ in range(3):  # up the ladder and out of the organisation
        item.refresh_from_db()
        tick(now=item.uiterlijk + dt.timedelta(days=1))
    item.refresh_from_db()
    assert item.escalatieniveau >= 2
    assert client_for(first).get(f"/api/v1/noodremmen/{item.uuid}/").status_code == 200


def test_term_filters_take_any_offset_and_refuse_nonsense(world, client_for):
    client = client_for("uo.professional")
    ok = client.get("/api/v1/signalen/", {"uiterlijk_voor": "8727-07-12T03:37:02+20:35"})
    assert ok.status_code == 200
    for bad in ["morgen", "9999-12-31T23:59:59-23:00"]:
        response = client.get("/api/v1/signalen/", {"uiterlijk_na": bad})
        assert response.status_code == 400, bad
