"""The single mechanism that changes a state field. Each domain's workflow.py declares its states and
allowed transitions as data and calls `transition`; nothing else writes a status column."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, TypeVar

from django.db import models, transaction
from django.utils.functional import Promise

from schakel.core import ledger
from schakel.core.errors import OngeldigeOvergang

M = TypeVar("M", bound=models.Model)

Transitions = Mapping[str, frozenset[str]]
# A guard per target state returns a Dutch refusal, or None when the record itself justifies the move.
# Guards make the hard guarantees hold for every caller of `transition`, not only for the services
# that happen to check first.
Guard = Callable[[Any], str | None]
Guards = Mapping[str, Guard]


def lock(instance: M) -> M:
    """Re-read the row under a row lock (PostgreSQL) / the write lock (SQLite IMMEDIATE)."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("lock() must be called inside transaction.atomic")
    return type(instance)._default_manager.select_for_update().get(pk=instance.pk)


def transition(
    instance: M,
    *,
    to: str,
    allowed: Transitions,
    labels: Mapping[str, str | Promise],  # choice labels are lazy (translated when shown)
    actor: str,
    field: str = "status",
    data: dict[str, Any] | None = None,
    guards: Guards | None = None,
) -> M:
    """Move `instance` from its current state to `to`, if the table allows it; write the ledger event.

    Uses a compare-and-set update, so two concurrent callers can never both leave the same state.
    """
    current = getattr(instance, field)
    if to not in allowed.get(current, frozenset()):
        raise OngeldigeOvergang(
            f"Van '{labels.get(current, current)}' naar '{labels.get(to, to)}' is niet toegestaan.",
            field=field,
        )
    guard = (guards or {}).get(to)
    refusal = guard(instance) if guard else None
    if refusal:
        raise OngeldigeOvergang(refusal, field=field)
    model = type(instance)
    changed = model._default_manager.filter(pk=instance.pk, **{field: current}).update(**{field: to})
    if changed != 1:
        raise OngeldigeOvergang("Een ander heeft dit item net gewijzigd; laad het opnieuw.", field=field)
    setattr(instance, field, to)
    ledger.append(
        f"{model._meta.model_name}.{field}",
        subject=instance,
        actor=actor,
        data={"van": current, "naar": to, **(data or {})},
    )
    return instance
