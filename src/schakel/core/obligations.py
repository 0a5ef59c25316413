"""What every answer-obliged item shares (signaal, noodrem, returned opdracht): a recipient, a term,
an escalation level and the comply-or-explain answer. Overdue is derived from the stored deadline
and the clock, so it is right even when no tick has run."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Sequence
from typing import Any

from django.conf import settings
from django.db import connection, models
from django.utils.translation import gettext_lazy as _

from schakel.core import ledger, mailuitgang
from schakel.core.bulk import insert_rows, one_of
from schakel.core.errors import GeenToegang, ValidatieFout, require
from schakel.core.models import NoDeleteQuerySet, Notificatie, Record
from schakel.core.terms import AMSTERDAM, Termijn, deadline
from schakel.organisaties.ladder import Ontvanger, may_act_for, next_step
from schakel.organisaties.models import Lid, Organisatie


class AntwoordSoort(models.TextChoices):
    COMPLY = "comply", _("Opvolgen (comply)")
    EXPLAIN = "explain", _("Niet opvolgen, met uitleg (explain)")


class Verplichting(Record):
    """Abstract base of an item that must be answered by its recipient within a term."""

    # No index of its own: every concrete kind has an inbox index that starts with this column, and each
    # extra index is written again at every escalation (a tick moves tens of thousands of rows).
    ontvanger_organisatie = models.ForeignKey(
        "organisaties.Organisatie", on_delete=models.PROTECT, related_name="+", db_index=False
    )
    ontvanger_rol = models.CharField(max_length=30)
    ingediend_op = models.DateTimeField()
    termijn = models.CharField(max_length=30)
    uiterlijk = models.DateTimeField(db_index=True)
    escalatieniveau = models.PositiveSmallIntegerField(default=0)
    beantwoord_op = models.DateTimeField(null=True, blank=True)

    class Meta:
        abstract = True

    @property
    def ontvanger(self) -> Ontvanger:
        return Ontvanger(self.ontvanger_organisatie, self.ontvanger_rol)

    def is_open(self) -> bool:
        return self.beantwoord_op is None

    def is_te_laat(self, now: dt.datetime) -> bool:
        return self.beantwoord_op is None and now > self.uiterlijk

    def te_laat_beantwoord(self) -> bool:
        return self.beantwoord_op is not None and self.beantwoord_op > self.uiterlijk


def inbox_index(name: str) -> models.Index:
    """The index the werkvoorraad pages one organisation's open items of a kind with, by (term, pk).

    It holds every column the page's key query reads, in the order it sorts: PostgreSQL answers from the
    index alone and stops after the page, without a sort. The planner cannot know that one
    organisation (parliament, the top of every ladder) holds thousands of the open items; with
    `(organisatie, status, uiterlijk)` it expected a dozen rows and chose to fetch all 2,010 and sort
    them (3-4 ms per page instead of 0.1)."""
    return models.Index(
        fields=["ontvanger_organisatie", "status", "uiterlijk", "id", "ontvanger_rol"], name=name
    )


class Antwoord(Record):
    """Abstract comply-or-explain answer. An answer is never edited: a correction is a new answer row."""

    soort = models.CharField(max_length=10, choices=AntwoordSoort.choices)
    toelichting = models.TextField()
    # comply: what will change and by when
    maatregel = models.TextField(blank=True)
    gereed_op = models.DateField(null=True, blank=True)
    # explain: one motivation per principle invoked, {code: text}
    per_beginsel = models.JSONField(default=dict, blank=True)
    door = models.ForeignKey("organisaties.Lid", on_delete=models.PROTECT, related_name="+")
    gegeven_op = models.DateTimeField()

    class Meta:
        abstract = True


class Stilte(models.Model):
    """The recorded silence of a recipient who let a term pass. One per item and escalation level."""

    onderwerp_type = models.CharField(max_length=60)
    onderwerp_id = models.CharField(max_length=64)
    niveau = models.PositiveSmallIntegerField()
    organisatie = models.ForeignKey("organisaties.Organisatie", on_delete=models.PROTECT, related_name="+")
    rol = models.CharField(max_length=30)
    uiterlijk = models.DateTimeField()
    vastgesteld_op = models.DateTimeField()

    objects = NoDeleteQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["onderwerp_type", "onderwerp_id", "niveau"], name="stilte_eenmaal"
            )
        ]
        verbose_name = "stilte"
        verbose_name_plural = "stiltes"

    def __str__(self) -> str:
        return f"Stilte op niveau {self.niveau}"


def motivering_ok(text: str) -> bool:
    return len(text.split()) >= settings.SCHAKEL_MIN_MOTIVERING_WOORDEN


def require_motivering(text: str, *, field: str, wat: str = "motivering") -> str:
    text = (text or "").strip()
    require(
        motivering_ok(text),
        f"Een {wat} van betekenis is nodig: schrijf ten minste {settings.SCHAKEL_MIN_MOTIVERING_WOORDEN} woorden.",
        field=field,
    )
    return text


def start_fields(ontvanger: Ontvanger, *, now: dt.datetime, termijn: Termijn) -> dict[str, Any]:
    return {
        "ontvanger_organisatie": ontvanger.organisatie,
        "ontvanger_rol": ontvanger.rol,
        "ingediend_op": now,
        "termijn": str(termijn),
        "uiterlijk": deadline(now, termijn),
    }


def require_recipient(lid: Lid, item: Verplichting) -> None:
    if not may_act_for(lid, item.ontvanger):
        raise GeenToegang(f"Alleen {item.ontvanger} kan dit beantwoorden.", field="ontvanger")


def validate_answer(
    *,
    soort: str,
    toelichting: str,
    maatregel: str,
    gereed_op: dt.date | None,
    per_beginsel: dict[str, str],
    codes: list[str],
    ingediend_op: dt.datetime | None = None,
) -> dict[str, Any]:
    """Comply must say what is done or will change (and by when); explain must address every principle."""
    require(soort in AntwoordSoort.values, "Kies opvolgen (comply) of uitleggen (explain).", field="soort")
    if gereed_op is not None and ingediend_op is not None:
        start = ingediend_op.astimezone(AMSTERDAM).date()
        require(gereed_op >= start, "De datum 'gereed op' ligt vóór het indienen.", field="gereed_op")
        require(
            gereed_op <= start + dt.timedelta(days=10 * 366),
            "De datum 'gereed op' ligt meer dan tien jaar vooruit.",
            field="gereed_op",
        )
    toelichting = require_motivering(toelichting, field="toelichting", wat="toelichting")
    cleaned: dict[str, str] = {}
    if soort == AntwoordSoort.COMPLY:
        require(bool((maatregel or "").strip()), "Beschrijf wat er is of wordt gedaan.", field="maatregel")
    else:
        per_beginsel = {k.strip().upper(): (v or "").strip() for k, v in (per_beginsel or {}).items()}
        missing = [c for c in codes if not motivering_ok(per_beginsel.get(c, ""))]
        if missing:
            raise ValidatieFout(
                "Ga bij uitleggen op elk ingeroepen beginsel in: ontbreekt of te kort voor "
                + ", ".join(missing)
                + ".",
                field="per_beginsel",
            )
        extra = [c for c in per_beginsel if c not in codes]
        require(
            not extra, f"Niet ingeroepen beginsel in het antwoord: {', '.join(extra)}.", field="per_beginsel"
        )
        cleaned = {c: per_beginsel[c] for c in codes}
    return {
        "soort": soort,
        "toelichting": toelichting,
        "maatregel": (maatregel or "").strip(),
        "gereed_op": gereed_op,
        "per_beginsel": cleaned,
    }


def notify(ontvanger: Ontvanger, *, soort: str, item: Record, tekst: str, now: dt.datetime) -> None:
    """Inbox entry, and an e-mail to the role holders that the tick worker sends (core/mailuitgang.py), both
    in the caller's transaction. Texts carry no citizen data."""
    Notificatie.objects.create(
        ontvanger_organisatie=ontvanger.organisatie,
        ontvanger_rol=ontvanger.rol,
        soort=soort,
        onderwerp_type=item._meta.label_lower,
        onderwerp_id=str(item.uuid),
        tekst=tekst[:300],
        aangemaakt_op=now,
    )
    mailuitgang.queue(ontvanger, tekst, now=now)


def escalate(item: Verplichting, *, now: dt.datetime, termijn: Termijn, via_ombudsman: bool = False) -> bool:
    """Record the silence of the current recipient and move the item one step up the ladder.

    Caller holds the row lock. Returns False (changing nothing) when the item is not overdue any more or
    its silence at this level is already recorded, which makes tick idempotent and safe concurrently.
    """
    done = escalate_many(
        type(item), [item], now=now, termijn_for=lambda _: termijn, via_ombudsman_for=lambda _: via_ombudsman
    )
    return done == 1


# What escalate_many reads of an item: a model instance, or a named tuple of these fields (plus whatever
# the caller's termijn_for and via_ombudsman_for read), so a tick over tens of thousands of items need not
# build a model instance for each. `uuid` may be a UUID or already its text, `str(uuid)`.
ESCALATIE_VELDEN = (
    "pk",
    "uuid",
    "ontvanger_organisatie_id",
    "ontvanger_rol",
    "uiterlijk",
    "escalatieniveau",
    "beantwoord_op",
)


def escalate_many(
    model: type[Verplichting],
    items: Sequence[Any],
    *,
    now: dt.datetime,
    termijn_for: Callable[[Any], Termijn],
    via_ombudsman_for: Callable[[Any], bool] = lambda _: False,
) -> int:
    """`escalate` for many items of one model at once, with the same rows and ledger events per item,
    written in a handful of statements: tick handles tens of thousands of items.

    Caller holds the row locks of `items`. The silences are re-read here, after the locks were taken,
    so an item another worker escalated (or silenced at the top) in the meantime is left alone.
    Returns how many items had their silence recorded.
    """
    # The loop below runs once per item of a 50,000-item tick, so everything that is the same for many
    # items (uuid text, organisation, ladder step, deadline, texts) is worked out once.
    # Compared in UTC, the zone items are read in: comparing across zones asks ZoneInfo for an offset
    # every time (microseconds per item).
    now_utc = now.astimezone(dt.UTC)
    late = [(i, str(i.uuid)) for i in items if i.beantwoord_op is None and now_utc > i.uiterlijk]
    if not late:
        return 0
    label = model._meta.label_lower
    recorded = _recorded_silences(label, [uuid for _, uuid in late])
    todo = [(i, uuid) for i, uuid in late if (uuid, i.escalatieniveau) not in recorded]
    if not todo:
        return 0
    organisaties = {
        pk: (org, str(org.uuid))
        for pk, org in Organisatie.objects.in_bulk({i.ontvanger_organisatie_id for i, _ in todo}).items()
    }
    # Per (recipient, via ombudsman): the next step, or None at the top.
    steps: dict[tuple[int, str, bool], Ontvanger | None] = {}
    # Per (recipient, via ombudsman, term): where the item goes, as (new recipient, the ledger's "naar"
    # without its deadline, that deadline's text).
    doelen: dict[tuple[tuple[int, str, bool], Termijn], tuple[Ontvanger, dict[str, str], str]] = {}
    deadlines: dict[Termijn, dt.datetime] = {}
    # The ledger body names no item (its uuid is the event's subject), so items that had the same
    # recipient, deadline and level and go to the same place share it: serialised once per kind.
    bodies: dict[tuple[Any, ...], str] = {}
    moves: dict[tuple[int, int, str, Termijn], list[int]] = defaultdict(list)
    stilten: list[tuple[Any, ...]] = []
    entries: list[ledger.Entry] = []
    notes: list[tuple[Ontvanger, str, str, str]] = []
    model_name, soort = model._meta.model_name, str(model._meta.verbose_name)
    stilte_kind, geescaleerd_kind = f"{model_name}.stilte", f"{model_name}.geescaleerd"
    tekst_voor, tekst_na = f"Geëscaleerd naar u: {soort} ", " is niet binnen de termijn beantwoord."
    Entry = ledger.Entry

    def stil(org_pk: int, rol: str, uiterlijk: dt.datetime, niveau: int) -> dict[str, Any]:
        return {
            "stil": {"organisatie": organisaties[org_pk][1], "rol": rol, "uiterlijk": uiterlijk.isoformat()},
            "niveau": niveau,
        }

    for item, uuid in todo:
        org_pk, rol, niveau, uiterlijk = (
            item.ontvanger_organisatie_id,
            item.ontvanger_rol,
            item.escalatieniveau,
            item.uiterlijk,
        )
        stilten.append((label, uuid, niveau, org_pk, rol, uiterlijk, now))
        via = via_ombudsman_for(item)
        key = (org_pk, rol, via)
        if key not in steps:
            steps[key] = next_step(Ontvanger(organisaties[org_pk][0], rol), via_ombudsman=via)
        new = steps[key]
        if new is None:
            body_key: tuple[Any, ...] = (key, uiterlijk, niveau)
            if (body := bodies.get(body_key)) is None:
                body = bodies[body_key] = ledger.canonical(
                    {**stil(org_pk, rol, uiterlijk, niveau), "top_bereikt": True}
                )
            entries.append(Entry(stilte_kind, label, uuid, "systeem", None, body))
            continue
        termijn = termijn_for(item)
        doel = doelen.get((key, termijn))
        if doel is None:
            if termijn not in deadlines:
                deadlines[termijn] = deadline(now, termijn)
            naar = {"organisatie": str(new.organisatie.uuid), "rol": new.rol}
            doel = doelen[(key, termijn)] = (new, naar, deadlines[termijn].isoformat())
        ontvanger, naar, tot = doel
        moves[(niveau, ontvanger.organisatie.pk, ontvanger.rol, termijn)].append(item.pk)
        body_key = (key, uiterlijk, niveau, termijn)
        if (body := bodies.get(body_key)) is None:
            body = bodies[body_key] = ledger.canonical(
                {**stil(org_pk, rol, uiterlijk, niveau), "naar": {**naar, "uiterlijk": tot}}
            )
        entries.append(Entry(geescaleerd_kind, label, uuid, "systeem", None, body))
        notes.append((ontvanger, label, uuid, tekst_voor + uuid + tekst_na))
    insert_rows(Stilte, _STILTE_VELDEN, stilten)
    _move(model, moves, deadlines)
    notify_many(notes, soort="escalatie", now=now)
    # Last: from here to the commit every other writer waits for the ledger head.
    ledger.append_many(entries)
    return len(todo)


def _recorded_silences(label: str, uuids: Sequence[str]) -> set[tuple[str, int]]:
    """(item uuid, level) of every silence recorded for these items, in one statement with one
    parameter (see `bulk.one_of`)."""
    meta = Stilte._meta
    where, params = one_of("onderwerp_id", uuids)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT onderwerp_id, niveau FROM {connection.ops.quote_name(meta.db_table)} "
            f"WHERE onderwerp_type = %s AND {where}",
            [label, *params],
        )
        return {(onderwerp_id, niveau) for onderwerp_id, niveau in cursor.fetchall()}


def _move(
    model: type[Verplichting],
    moves: dict[tuple[int, int, str, Termijn], list[int]],
    deadlines: dict[Termijn, dt.datetime],
) -> None:
    """One UPDATE per (level, new recipient, term): the items climb one step. `escalatieniveau = level`
    in the WHERE keeps a step from being taken twice, as `filter(...).update(...)` did."""
    meta = model._meta
    quote = connection.ops.quote_name
    column = {f.attname: quote(str(f.column)) for f in meta.concrete_fields}
    assignments = ", ".join(f"{column[name]} = %s" for name in _VERPLAATS_VELDEN)
    adapt = connection.ops.adapt_datetimefield_value
    with connection.cursor() as cursor:
        for (niveau, organisatie_pk, rol, termijn), pks in moves.items():
            where, params = one_of(quote(str(meta.pk.column)), pks)
            cursor.execute(
                f"UPDATE {quote(meta.db_table)} SET {assignments} "
                f"WHERE {where} AND {column['escalatieniveau']} = %s",
                [organisatie_pk, rol, str(termijn), adapt(deadlines[termijn]), niveau + 1, *params, niveau],
            )


_VERPLAATS_VELDEN = ("ontvanger_organisatie_id", "ontvanger_rol", "termijn", "uiterlijk", "escalatieniveau")


_STILTE_VELDEN = (
    "onderwerp_type",
    "onderwerp_id",
    "niveau",
    "organisatie_id",
    "rol",
    "uiterlijk",
    "vastgesteld_op",
)
_NOTIFICATIE_VELDEN = (
    "ontvanger_organisatie_id",
    "ontvanger_rol",
    "soort",
    "onderwerp_type",
    "onderwerp_id",
    "tekst",
    "aangemaakt_op",
)


def notify_many(notes: Sequence[tuple[Ontvanger, str, str, str]], *, soort: str, now: dt.datetime) -> None:
    """`notify` for many (recipient, item label, item uuid, text) at once: one inbox row each, and one
    e-mail per recipient role (the e-mail `notify` writes when it concerns one item, a list when several)."""
    if not notes:
        return
    insert_rows(
        Notificatie,
        _NOTIFICATIE_VELDEN,
        [(o.organisatie.pk, o.rol, soort, label, uuid, tekst[:300], now) for o, label, uuid, tekst in notes],
    )
    per_ontvanger: dict[tuple[int, str], tuple[Ontvanger, list[str]]] = {}
    for ontvanger, _label, _uuid, tekst in notes:
        per_ontvanger.setdefault((ontvanger.organisatie.pk, ontvanger.rol), (ontvanger, []))[1].append(tekst)
    mailuitgang.queue_many(
        [_mail(ontvanger, teksten) for ontvanger, teksten in per_ontvanger.values()], now=now
    )


def _mail(ontvanger: Ontvanger, teksten: list[str]) -> tuple[Ontvanger, str, str | None]:
    """One e-mail per recipient role: the item's own text when it is one, a list when several."""
    if len(teksten) == 1:
        return ontvanger, teksten[0], None
    lijst = "\n".join(f"- {tekst}" for tekst in teksten)
    return (
        ontvanger,
        f"{len(teksten)} items zijn niet binnen de termijn beantwoord en naar u geëscaleerd.",
        f"{len(teksten)} items zijn naar u geëscaleerd:\n\n{lijst}",
    )


def answered_by_recipient(soort: str | None = None) -> Callable[[Any], str | None]:
    """A state-machine guard: the item carries an answer (of the given kind) by a member who may act
    for its recipient. Used for every closing state of something that must be answered."""

    def guard(item: Any) -> str | None:
        antwoord = item.antwoorden.select_related("door__organisatie").first()
        if antwoord is None or item.beantwoord_op is None:
            return "Dit wordt pas gesloten met een antwoord (comply of explain) van de ontvanger."
        if soort is not None and antwoord.soort != soort:
            return f"Deze stap volgt alleen op een {soort}-antwoord."
        if not may_act_for(antwoord.door, item.ontvanger):
            return "Het antwoord is niet gegeven door de ontvanger."
        return None

    return guard


def record_answer(
    item: Any,
    *,
    antwoord_model: type[models.Model],
    door: Lid,
    fields: dict[str, Any],
    now: dt.datetime,
    extra: dict[str, Any] | None = None,
) -> tuple[Any, dict[str, Any]]:
    """Store a validated answer and mark the item answered; returns the answer and the ledger data for
    the transition that follows (the caller's state machine decides where the item goes)."""
    extra = extra or {}
    link = item._meta.model_name
    antwoord: Any = antwoord_model._default_manager.create(
        **{link: item}, door=door, gegeven_op=now, **fields, **extra
    )
    type(item)._default_manager.filter(pk=item.pk).update(beantwoord_op=now)
    item.beantwoord_op = now
    gereed_op = fields.get("gereed_op")
    data = {
        "antwoord": str(antwoord.uuid),
        "soort": fields["soort"],
        "toelichting": fields["toelichting"],
        "maatregel": fields["maatregel"],
        "per_beginsel": fields["per_beginsel"],
        "gereed_op": gereed_op.isoformat() if gereed_op else None,
        "op_tijd": now <= item.uiterlijk,
        **extra,
    }
    return antwoord, data
