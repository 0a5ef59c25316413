from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed

from schakel.core.taal import brontekst
from schakel.register.selectors import KAMERVRAAG, SOORTEN, nieuwe_antwoorden


class NieuweAntwoorden(Feed):
    feed_type = Atom1Feed
    title = "Schakel – nieuwe antwoorden in het openbaar register"
    subtitle = (
        "Antwoorden (opvolgen of uitleggen) op signalen, noodremmen en teruggegeven opdrachten, "
        "en antwoorden op Kamervragen."
    )

    def link(self) -> str:
        return reverse("register:index")

    def items(self) -> list[dict[str, Any]]:
        return nieuwe_antwoorden()

    def item_title(self, item: dict[str, Any]) -> str:
        org = (item["organisatie"] or {}).get("naam", "")
        if item["soort"] == KAMERVRAAG:
            return f"Kamervraag beantwoord: {item['titel']} ({org})"
        soort = "opgevolgd" if item["antwoord"]["soort"] == "comply" else "uitgelegd"
        return f"{brontekst(SOORTEN[item['soort']])} {soort}: {item['titel']} ({org})"

    def item_description(self, item: dict[str, Any]) -> str:
        a = item["antwoord"]
        return a["toelichting"] + (f"\n\nMaatregel: {a['maatregel']}" if a["maatregel"] else "")

    def item_link(self, item: dict[str, Any]) -> str:
        return reverse("register:item", args=[item["id"]])

    def item_guid(self, item: dict[str, Any]) -> str:
        return f"urn:uuid:{item['id']}"

    item_guid_is_permalink = False

    def item_pubdate(self, item: dict[str, Any]) -> dt.datetime:
        return dt.datetime.fromisoformat(item["antwoord"]["gegeven_op"])

    def item_updateddate(self, item: dict[str, Any]) -> dt.datetime:
        return dt.datetime.fromisoformat(item["antwoord"]["gegeven_op"])
