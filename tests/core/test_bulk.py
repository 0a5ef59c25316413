"""bulk.one_of: one parameter for "column is one of these values", exact for any string."""

from __future__ import annotations

import uuid

import pytest
from django.db import connection, transaction
from hypothesis import given, settings
from hypothesis import strategies as st

from schakel.core.bulk import one_of
from schakel.core.models import Notificatie
from tests.factories import OrganisatieFactory


def _select(values: list) -> set[str]:
    where, params = one_of("onderwerp_id", values)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT onderwerp_id FROM {Notificatie._meta.db_table} WHERE {where}", params)
        return {row[0] for row in cursor.fetchall()}


def _store(ids: list[str]) -> None:
    org = OrganisatieFactory()
    Notificatie.objects.bulk_create(
        Notificatie(
            ontvanger_organisatie=org,
            ontvanger_rol="x",
            soort="test",
            onderwerp_type="t",
            onderwerp_id=i,
            tekst="t",
            aangemaakt_op="2026-11-23T10:00:00+01:00",
        )
        for i in ids
    )


@pytest.mark.django_db
def test_uuids_select_exactly_their_rows():
    ids = [str(uuid.uuid4()) for _ in range(5)]
    _store(ids)
    assert _select(ids[:3]) == set(ids[:3])


ODD = ['a"b', "c\\d", "NULL", "", "x,y", "{z}", "'q'", " s ", "é"]


@pytest.mark.django_db
def test_strings_that_need_quoting_select_exactly_their_rows():
    _store([*ODD, "other"])
    assert _select(ODD) == set(ODD)
    assert _select(["NULL", "x,y"]) == {"NULL", "x,y"}
    assert _select(["{z}", "a"]) == {"{z}"}


@pytest.mark.django_db
@settings(max_examples=25, deadline=None)
@given(
    st.lists(
        st.text(st.characters(exclude_categories=["Cs"], exclude_characters="\x00"), max_size=8),
        min_size=1,
        max_size=6,
        unique=True,
    )
)
def test_any_strings_select_exactly_their_rows(values):
    with transaction.atomic():
        _store([*values, "\x01niet"])
        assert _select(values) == set(values)
        transaction.set_rollback(True)
