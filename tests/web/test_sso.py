"""The login page offers the organisation's login service only when SSO is configured."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db


def test_no_sso_button_without_configuration(client):
    html = client.get("/inloggen/").content.decode()
    assert "inlogdienst" not in html
    assert 'name="username"' in html


def test_sso_button_when_configured(client, settings):
    settings.OIDC_ENABLED = True
    settings.ROOT_URLCONF = "tests.web.sso_urls"
    html = client.get("/inloggen/?next=/casussen/").content.decode()
    assert 'href="/oidc/authenticate/?next=/casussen/"' in html
    assert "Inloggen via de inlogdienst van uw organisatie" in html
    assert 'name="username"' in html  # accounts the provider does not know can still log in
