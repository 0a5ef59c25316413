"""Schakel's URLs plus `/bench/bare/`: the reference for brake intake, a DRF endpoint that authenticates
the same token, validates a small body and does one INSERT, with nothing of Schakel's rules around it."""

from __future__ import annotations

from django.db import connection
from django.urls import path
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from schakel.urls import handler404, handler500  # noqa: F401
from schakel.urls import urlpatterns as schakel_urlpatterns

TABLE = "bench_bare"


def create_table() -> None:
    key = (
        "bigserial PRIMARY KEY" if connection.vendor == "postgresql" else "integer PRIMARY KEY AUTOINCREMENT"
    )
    with connection.cursor() as cursor:
        cursor.execute(f"CREATE TABLE IF NOT EXISTS {TABLE} (id {key}, motivering text NOT NULL)")


class BareIn(serializers.Serializer):
    motivering = serializers.CharField(max_length=10_000)


class BareInsert(APIView):
    def post(self, request: Request) -> Response:
        data = BareIn(data=request.data)
        data.is_valid(raise_exception=True)
        with connection.cursor() as cursor:
            cursor.execute(
                f"INSERT INTO {TABLE} (motivering) VALUES (%s)", [data.validated_data["motivering"]]
            )
        return Response({"ok": True}, status=status.HTTP_201_CREATED)


urlpatterns = [path("bench/bare/", BareInsert.as_view()), *schakel_urlpatterns]
