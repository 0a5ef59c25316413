"""A request without a client address still counts against the limit (schemathesis found the 500)."""

from __future__ import annotations

from django.test import RequestFactory

from schakel.beveiliging.pogingen import client_adres


def test_a_request_without_remote_addr_counts_under_one_shared_key():
    request = RequestFactory().get("/api/v1/burger/zaak/")
    del request.META["REMOTE_ADDR"]
    assert client_adres(request) == "onbekend"


def test_the_socket_address_is_used_when_present():
    request = RequestFactory().get("/", REMOTE_ADDR="192.0.2.7", HTTP_X_FORWARDED_FOR="203.0.113.9")
    assert client_adres(request) == "192.0.2.7"
