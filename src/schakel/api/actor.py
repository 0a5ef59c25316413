"""Who is acting: the caller's membership. A person with several memberships picks one with the
`Schakel-Lid` header (the membership's uuid); with exactly one, it is used without asking."""

from __future__ import annotations

from rest_framework.request import Request

from schakel.core.errors import GeenToegang, ValidatieFout
from schakel.organisaties.models import Lid
from schakel.organisaties.selectors import leden_van

HEADER = "HTTP_SCHAKEL_LID"


def current_lid(request: Request) -> Lid:
    user = request.user
    if not user or not user.is_authenticated:
        raise GeenToegang("Log in of gebruik een API-token.", field="authenticatie")
    leden = leden_van(user)
    chosen = request.META.get(HEADER, "").strip()
    if chosen:
        lid = next((m for m in leden if str(m.uuid) == chosen), None)
        if lid is None:
            raise GeenToegang("Dit lidmaatschap hoort niet bij u.", field="Schakel-Lid")
        return lid
    leden_list = list(leden[:2])
    if not leden_list:
        raise GeenToegang("U bent geen actief lid van een deelnemende organisatie.", field="lidmaatschap")
    if len(leden_list) > 1:
        raise ValidatieFout(
            "U heeft meerdere lidmaatschappen: kies er een met de header Schakel-Lid.", field="Schakel-Lid"
        )
    return leden_list[0]
