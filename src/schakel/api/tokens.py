from __future__ import annotations

import hashlib
import secrets

from django.contrib.auth import get_user_model
from django.db import transaction

from schakel.api.models import ApiToken
from schakel.core import ledger
from schakel.core.errors import NietGevonden, ValidatieFout

PREFIX = "sk_"


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def token_create(*, gebruikersnaam: str, naam: str = "", actor: str) -> str:
    """Create a token and return it; it cannot be shown again."""
    User = get_user_model()
    try:
        user = User.objects.get(username=gebruikersnaam)
    except User.DoesNotExist as exc:
        raise NietGevonden(f"Geen gebruiker {gebruikersnaam!r}.", field="gebruiker") from exc
    token = PREFIX + secrets.token_urlsafe(32)
    with transaction.atomic():
        record = ApiToken.objects.create(
            gebruiker=user, naam=naam, sleutel_hash=token_hash(token), prefix=token[:8]
        )
        ledger.append(
            "api.token_aangemaakt",
            subject=None,
            actor=actor,
            data={"gebruiker": user.get_username(), "prefix": record.prefix, "naam": naam},
        )
    return token


def token_revoke(*, prefix: str, actor: str) -> int:
    """Revoke every active token that starts with `prefix`; returns how many."""
    from django.utils import timezone

    prefix = prefix.strip()
    if len(prefix) < 8:
        raise ValidatieFout(
            "Geef de eerste 8 tekens van het token (zoals `schakel token list` toont).", field="prefix"
        )
    with transaction.atomic():
        tokens = list(
            ApiToken.objects.select_for_update().filter(prefix=prefix[:8], ingetrokken_op__isnull=True)
        )
        if not tokens:
            raise NietGevonden(f"Geen actief token dat begint met {prefix[:8]!r}.", field="prefix")
        now = timezone.now()
        for token in tokens:
            ApiToken.objects.filter(pk=token.pk).update(ingetrokken_op=now)
            ledger.append(
                "api.token_ingetrokken",
                subject=None,
                actor=actor,
                data={"gebruiker": token.gebruiker.get_username(), "prefix": token.prefix},
            )
    return len(tokens)
