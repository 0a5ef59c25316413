from __future__ import annotations

from django.utils import timezone

from schakel.core.models import LedgerEvent
from schakel.noodremmen.models import Noodrem
from schakel.noodremmen.workflow import NoodremStatus
from schakel.organisaties.models import Organisatie
from schakel.signalen.models import Signaal
from schakel.signalen.workflow import SignaalStatus


def start_overview() -> dict[str, int]:
    now = timezone.now()
    return {
        "organisaties": Organisatie.objects.count(),
        "signalen_open": Signaal.objects.filter(status=SignaalStatus.OPEN).count(),
        "signalen_te_laat": Signaal.objects.filter(status=SignaalStatus.OPEN, uiterlijk__lt=now).count(),
        "noodremmen_open": Noodrem.objects.filter(status=NoodremStatus.GETROKKEN).count(),
        "noodremmen_te_laat": Noodrem.objects.filter(
            status=NoodremStatus.GETROKKEN, uiterlijk__lt=now
        ).count(),
        "gebeurtenissen": LedgerEvent.objects.count(),
    }
