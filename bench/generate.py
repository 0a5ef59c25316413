"""The national benchmark dataset: about 400 organisations, 100,000 members, 1,000,000 casussen,
200,000 signalen, 50,000 noodremmen and 5,000,000 ledger events, on the database DATABASE_URL names.

Usage: python bench/generate.py [--scale 0.01] [--seed 2026]   (a fresh, migrated or empty database)

Organisations, rules and principles go through the services (a few thousand calls); everything else is
written in bulk — COPY on PostgreSQL, executemany on SQLite — because the services would take hours.
The result must still be what the services would have produced, so:

* every item's life is decided when it is made (raised, escalated by tick at each missed term, answered
  in time, late or not at all, closed) and its row holds the state that life has reached at NOW; the
  ledger holds exactly the events of that life up to NOW, in time order, hash-chained with
  core.ledger.event_digest after the events the services wrote, so `schakel verify` passes;
* states are ones the workflows allow, with the answer, the silences (Stilte) and the recipient the
  escalation ladder gives; explain answers address every principle invoked, comply answers say what;
* every casus has its search document (stems, document frequencies, FTS5 rebuilt on SQLite, the
  generated tsvector column and GIN index re-added on PostgreSQL), so precedent search works.

Days are generated in order; events that fall on a later day wait in a bucket for that day. Left out:
beraden, opdrachten and Kamervragen (the report shows them as zero), notifications (derived inbox
entries; the werkvoorraad reads the items themselves).
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import os
import queue
import random
import resource
import sys
import threading
import time
import uuid
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / "src"))

NOW = dt.datetime(2026, 11, 23, 9, 0, tzinfo=dt.UTC)
START = dt.datetime(2025, 1, 1, 0, 0, tzinfo=dt.UTC)
FULL = {"leden": 100_000, "casussen": 1_000_000, "signalen": 200_000, "noodremmen": 50_000}
TARGET_EVENTS = 5_000_000
BATCH = 50_000
TICK_DELAY = dt.timedelta(minutes=31)  # tick runs just after midnight, when a term has passed


def setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "schakel.settings")
    os.environ.setdefault("SCHAKEL_DEDUCE", "false")
    import django

    django.setup()


# --- writing rows ----------------------------------------------------------------------------------


class Writer:
    """Buffers rows per table and writes them in bulk, parents first; times the writing per table.

    On PostgreSQL a thread with its own connection runs the COPYs, so the server works on one batch
    while this process generates the next (two cores: one each)."""

    def __init__(self, connection: Any) -> None:
        self.connection = connection
        self.pg = connection.vendor == "postgresql"
        self.buffers: dict[str, list[tuple[Any, ...]]] = {}
        self.full = False  # some buffer holds BATCH rows: flush at the next item boundary
        self.columns: dict[str, Sequence[str]] = {}
        self.order: list[str] = []
        self.seconds: Counter[str] = Counter()
        self.rows: Counter[str] = Counter()
        self.queue: queue.Queue[dict[str, list[tuple[Any, ...]]] | None] = queue.Queue(maxsize=2)
        self.thread: threading.Thread | None = None
        self.error: BaseException | None = None
        self.backend_pids: list[int] = []
        self.backend_cpu = 0.0

    def table(self, name: str, columns: Sequence[str]) -> None:
        self.columns[name] = columns
        self.buffers[name] = []
        self.order.append(name)

    def add(self, name: str, row: tuple[Any, ...]) -> None:
        buffer = self.buffers[name]
        buffer.append(row)
        if len(buffer) >= BATCH:
            self.full = True

    def maybe_flush(self) -> None:
        """Called between items only, so a flush never writes a child row before its parent."""
        if self.full:
            self.flush()

    def flush(self) -> None:
        batch = {name: rows for name, rows in self.buffers.items() if rows}
        self.buffers = {name: [] for name in self.buffers}
        self.full = False
        if not batch:
            return
        if not self.pg:
            from django.db import transaction

            with transaction.atomic():
                self._write_batch(self.connection.connection, batch)
            return
        if self.thread is None:
            self.thread = threading.Thread(target=self._run, daemon=True)
            self.thread.start()
        if self.error:
            raise RuntimeError("schrijven mislukt") from self.error
        self.queue.put(batch)

    def close(self) -> None:
        """Wait until every batch is written."""
        if self.thread is not None:
            self.queue.put(None)
            self.thread.join()
            self.thread = None
        if self.error:
            raise RuntimeError("schrijven mislukt") from self.error

    def _run(self) -> None:
        import psycopg

        try:
            with psycopg.connect(**_own_connection_params(self.connection)) as conn:
                try:  # superuser: skip the per-row foreign key triggers during the load (all keys are ours)
                    conn.execute("SET session_replication_role = replica")
                    conn.commit()
                except psycopg.Error:  # not a superuser: keys are checked, only slower
                    conn.rollback()
                self.backend_pids.append(conn.info.backend_pid)
                while (batch := self.queue.get()) is not None:
                    self._write_batch(conn, batch)
                    conn.commit()
                self.backend_cpu += backend_cpu_seconds(conn.info.backend_pid)
        except BaseException as exc:  # noqa: BLE001 - reported to the generating thread
            self.error = exc
            while self.queue.get() is not None:  # let the producer finish instead of blocking
                pass

    def _write_batch(self, conn: Any, batch: dict[str, list[tuple[Any, ...]]]) -> None:
        for name in self.order:  # parents before children: the order the tables were declared in
            rows = batch.get(name)
            if rows:
                t0 = time.perf_counter()
                self._write(conn, name, rows)
                self.seconds[name] += time.perf_counter() - t0
                self.rows[name] += len(rows)

    def _write(self, conn: Any, name: str, rows: list[tuple[Any, ...]]) -> None:
        cols = ", ".join(self.columns[name])
        if self.pg:
            with conn.cursor() as cursor, cursor.copy(f"COPY {name} ({cols}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
        else:
            marks = ", ".join("?" * len(self.columns[name]))
            conn.executemany(f"INSERT INTO {name} ({cols}) VALUES ({marks})", rows)

    # Values as each engine stores them (Django's own conversions are too slow per row at this size).
    def uuid(self, value: uuid.UUID) -> Any:
        return value if self.pg else value.hex

    def ts(self, value: dt.datetime) -> Any:
        return value if self.pg else value.astimezone(dt.UTC).replace(tzinfo=None).isoformat(" ")

    def date(self, value: dt.date | None) -> Any:
        return value if (self.pg or value is None) else value.isoformat()


def _db_table(model: Any, m2m: str | None = None) -> tuple[str, list[str]]:
    if m2m is None:
        return model._meta.db_table, []
    through = model._meta.get_field(m2m).remote_field.through
    cols = [f.column for f in through._meta.local_fields if not f.primary_key]
    return through._meta.db_table, cols


# --- the text of casussen --------------------------------------------------------------------------


class Teksten:
    """Casus titles and narratives from pools of sentences whose stems are computed once: a narrative
    is four sentences of one topic, so its stems are the concatenation of theirs (stemming is per word)."""

    def __init__(self, rng: random.Random) -> None:
        from precedent_corpus import GENERAL, TEMPLATES, TOPICS, _pseudo_words

        from schakel.precedenten.analyse import stems

        facets = _pseudo_words(rng, 4000)
        self.topics = sorted(TOPICS)
        self.principles = {t: TOPICS[t][1] for t in self.topics}
        self.titles: dict[str, list[tuple[str, list[str]]]] = {}
        self.sentences: dict[str, list[tuple[str, list[str]]]] = {}
        for topic in self.topics:
            vocabulary = TOPICS[topic][0]
            titles = []
            for _ in range(300):
                a, b = rng.sample(vocabulary, 2)
                titel = f"{a.capitalize()} en {b} bij {rng.choice(facets)}"
                titles.append((titel, stems(titel)))
            self.titles[topic] = titles
            sentences = []
            for _ in range(1500):
                fill = {f"t{i}": rng.choice(vocabulary) for i in range(6)}
                fill.update({f"f{i}": rng.choice(facets) for i in range(6)})
                fill.update({f"g{i}": rng.choice(GENERAL) for i in range(10)})
                zin = rng.choice(TEMPLATES).format(**fill)
                sentences.append((zin, stems(zin)))
            self.sentences[topic] = sentences
        # A correction adds a sentence; its stems are appended (the analysis works word by word).
        self.aanvullingen = [(" Aanvulling: " + m, stems("Aanvulling: " + m)) for m in MOTIVERINGEN]

    def casus(self, rng: random.Random, topic: str) -> tuple[str, str, list[str]]:
        titel, title_stems = rng.choice(self.titles[topic])
        chosen = rng.sample(self.sentences[topic], 4)
        omschrijving = " ".join(s for s, _ in chosen)
        all_stems = title_stems + [x for _, st in chosen for x in st]
        return titel, omschrijving, all_stems


MOTIVERINGEN = [
    "De regel pakt in deze situatie onevenredig uit omdat de gevolgen voor het gezin veel te zwaar zijn.",
    "Het besluit is genomen zonder dat alle relevante feiten en belangen zorgvuldig zijn onderzocht.",
    "De burger kon redelijkerwijs niet weten dat deze voorwaarde gold en handelde te goeder trouw.",
    "Gelijke gevallen worden hier ongelijk behandeld doordat de termijn verschillend wordt toegepast.",
    "De terugvordering staat niet in verhouding tot het doel van de regeling en de fout van de organisatie.",
    "Er is niet geluisterd naar de uitleg van de betrokkene en het dossier is niet volledig bekeken.",
    "De wet laat ruimte voor maatwerk maar de werkinstructie sluit die ruimte onnodig helemaal af.",
    "Het systeem rekent automatisch een boete zonder te kijken naar de bijzondere omstandigheden van de zaak.",
]
MAATREGELEN = [
    "De werkinstructie wordt aangepast zodat professionals in deze situatie zelf mogen afwijken.",
    "Wij herzien het besluit en betalen het teruggevorderde bedrag binnen vier weken terug.",
    "De beleidsregel krijgt een hardheidsclausule; tot dan beslist de maatwerkcoördinator.",
    "Het systeem wordt aangepast zodat de termijn pas start na een persoonlijk gesprek.",
]


# --- the escalation ladder, in memory ----------------------------------------------------------------


class Ladders:
    """ladder.next_step over in-memory organisations (the same rules, no query per step)."""

    def __init__(self, orgs: dict[int, Any], roles: dict[int, list[str]], ombudsman: int | None) -> None:
        self.orgs, self.roles, self.ombudsman = orgs, roles, ombudsman

    def first(self, org: int) -> tuple[int, str]:
        ladder = self.roles[org]
        return org, ladder[0] if ladder else "bestuur"

    def next(self, current: tuple[int, str], via_ombudsman: bool) -> tuple[int, str] | None:
        org, rol = current
        ladder = self.roles[org]
        if rol in ladder and ladder.index(rol) + 1 < len(ladder):
            return org, ladder[ladder.index(rol) + 1]
        if via_ombudsman and self.orgs[org].soort != "ombudsman":
            return self.first(self.ombudsman) if self.ombudsman else None
        hoger = self.orgs[org].hoger_id
        return None if hoger is None else self.first(hoger)


# --- the generator ---------------------------------------------------------------------------------


Event = tuple[dt.datetime, int, str, str, str, str, str]  # at, order, kind, type, id, actor, body


class Generator:
    def __init__(self, *, scale: float, seed: int, out: Callable[[str], None] = print) -> None:
        from django.db import connection

        self.scale, self.out = scale, out
        self.rng = random.Random(seed)
        self.uuid_rng = random.Random(seed + 1)
        self.connection = connection
        self.w = Writer(connection)
        self.n = {k: max(1, round(v * scale)) for k, v in FULL.items()}
        self.buckets: dict[int, list[Event]] = defaultdict(list)
        self.order = 0
        self.timings: dict[str, float] = {}
        self.days = (NOW.date() - START.date()).days + 1
        self.index_cpu = 0.0

    def new_uuid(self) -> uuid.UUID:
        return uuid.UUID(int=self.uuid_rng.getrandbits(128), version=4)

    # events -------------------------------------------------------------------------------------

    def event(
        self, at: dt.datetime, kind: str, stype: str, sid: str, actor: str, data: dict[str, Any]
    ) -> None:
        """Schedule a ledger event; events after NOW have not happened and are dropped by the caller."""
        from schakel.core.ledger import canonical

        self.order += 1
        day = (at - START).days
        self.buckets[day].append((at, self.order, kind, stype, sid, actor, canonical(data)))

    def write_events(self, events: list[Event]) -> None:
        from schakel.core.ledger import event_digest

        events.sort()
        for at, _, kind, stype, sid, actor, body in events:
            self.seq += 1
            stamp = at.isoformat()
            digest = event_digest(self.prev, self.seq, stamp, kind, stype, sid, actor, body)
            self.w.add(self.ledger_table, (self.seq, stamp, kind, stype, sid, actor, body, self.prev, digest))
            self.prev = digest

    # set-up through the services -------------------------------------------------------------------

    def setup(self) -> None:
        from django.db import transaction

        from schakel.beginselen.selectors import beginselen_actueel
        from schakel.beginselen.services import beginselen_load_default
        from schakel.organisaties.ladder import DEFAULT_LADDERS
        from schakel.organisaties.models import Organisatie
        from schakel.organisaties.services import organisatie_create
        from schakel.regels.services import regel_create

        require_empty()
        rng = self.rng
        beginselen_load_default()
        n_orgs = max(16, round(400 * self.scale))
        n_ministeries = max(2, round(n_orgs * 0.03))
        n_uitvoerders = max(4, round(n_orgs * 0.06))
        n_provincies = max(1, round(n_orgs * 0.03))
        n_waterschappen = max(1, round(n_orgs * 0.05))
        n_gemeenten = n_orgs - 2 - n_ministeries - n_uitvoerders - n_provincies - n_waterschappen
        with transaction.atomic():
            tk = organisatie_create(naam="Tweede Kamer", code="tk", soort="parlement", actor="bench")
            organisatie_create(naam="Nationale ombudsman", code="no", soort="ombudsman", actor="bench")
            ministeries = [
                organisatie_create(
                    naam=f"Ministerie {i + 1}",
                    code=f"min-{i + 1}",
                    soort="ministerie",
                    hoger=tk,
                    actor="bench",
                )
                for i in range(n_ministeries)
            ]
            for soort, count, prefix in (
                ("uitvoeringsorganisatie", n_uitvoerders, "Uitvoeringsorganisatie"),
                ("provincie", n_provincies, "Provincie"),
                ("waterschap", n_waterschappen, "Waterschap"),
                ("gemeente", n_gemeenten, "Gemeente"),
            ):
                for i in range(count):
                    organisatie_create(
                        naam=f"{prefix} {i + 1}",
                        code=f"{soort[:4]}-{i + 1}",
                        soort=soort,
                        hoger=ministeries[i % len(ministeries)],
                        actor="bench",
                    )
            orgs = {o.pk: o for o in Organisatie.objects.all()}
            self.uitvoerend = [
                o for o in orgs.values() if o.soort not in ("ministerie", "parlement", "ombudsman")
            ]
            # Big executive organisations carry most of the work; municipalities vary a lot in size.
            self.weight = {
                o.pk: (
                    60.0
                    if o.soort == "uitvoeringsorganisatie"
                    else 8.0
                    if o.soort == "ministerie"
                    else rng.lognormvariate(0, 0.8)
                )
                for o in orgs.values()
            }
            self.regels: dict[int, list[Any]] = {}
            for o in self.uitvoerend:
                made = []
                for j, soort in enumerate(("wet", "wet", "beleidsregel", "werkinstructie")):
                    made.append(
                        regel_create(
                            titel=f"{soort.capitalize()} {j + 1} van {o.naam}",
                            soort=soort,
                            uitvoerder=o,
                            bwb_id=f"BWBR{rng.randrange(10**6, 10**7):07d}" if soort == "wet" else "",
                            artikel=f"art. {rng.randrange(1, 80)}" if soort == "wet" else "",
                            actor="bench",
                        )
                    )
                self.regels[o.pk] = made
        self.orgs = orgs
        roles = {pk: [str(r) for r in DEFAULT_LADDERS[o.soort]] for pk, o in orgs.items()}
        ombudsman = next((pk for pk, o in orgs.items() if o.soort == "ombudsman"), None)
        self.ladders = Ladders(orgs, roles, ombudsman)
        self.beginselen = {b.code: b.pk for b in beginselen_actueel()}

    # bulk ----------------------------------------------------------------------------------------

    def declare_tables(self) -> None:
        from django.contrib.auth import get_user_model

        from schakel.casussen.models import Casus, CasusVersie, Maatwerkbesluit
        from schakel.core.models import LedgerEvent
        from schakel.core.obligations import Stilte
        from schakel.noodremmen.models import Bericht, Noodrem, NoodremAntwoord, NoodremMelder
        from schakel.organisaties.models import Lid
        from schakel.precedenten.models import Zoekdocument
        from schakel.signalen.models import Signaal, SignaalAntwoord

        t = self.w.table
        self.ledger_table = LedgerEvent._meta.db_table
        t(
            self.ledger_table,
            ["seq", "at", "kind", "subject_type", "subject_id", "actor", "body", "prev_hash", "hash"],
        )
        self.t_user = get_user_model()._meta.db_table
        t(self.t_user, ["id", "password", "is_superuser", "username", "first_name", "last_name", "email",
                        "is_staff", "is_active", "date_joined"])  # fmt: skip
        self.t_lid = Lid._meta.db_table
        t(self.t_lid, ["id", "uuid", "aangemaakt_op", "gebruiker_id", "organisatie_id", "rol", "actief"])
        self.t_casus = Casus._meta.db_table
        t(self.t_casus, ["id", "uuid", "aangemaakt_op", "titel", "omschrijving", "organisatie_id",
                         "behandelaar_id", "status", "versie", "gedeeld"])  # fmt: skip
        self.t_casus_regels, cols = _db_table(Casus, "regels")
        t(self.t_casus_regels, cols)
        self.t_casus_beginselen, cols = _db_table(Casus, "beginselen")
        t(self.t_casus_beginselen, cols)
        self.t_versie = CasusVersie._meta.db_table
        t(self.t_versie, ["casus_id", "versie", "titel", "omschrijving", "door_id", "op"])
        self.t_mb = Maatwerkbesluit._meta.db_table
        t(self.t_mb, ["id", "uuid", "aangemaakt_op", "casus_id", "regel_id", "besluit", "motivering", "door_id",
                      "genomen_op", "motivering_verschil", "precedenten"])  # fmt: skip
        self.t_mb_beginselen, cols = _db_table(Maatwerkbesluit, "beginselen")
        t(self.t_mb_beginselen, cols)
        self.t_zoek = Zoekdocument._meta.db_table
        t(self.t_zoek, ["casus_id", "organisatie_id", "gedeeld", "tekst", "stemmen", "lengte", "regels",
                        "beginselen", "uitkomst", "besluiten", "datum"])  # fmt: skip
        verplichting = ["uuid", "aangemaakt_op", "ontvanger_organisatie_id", "ontvanger_rol", "ingediend_op",
                        "termijn", "uiterlijk", "escalatieniveau", "beantwoord_op"]  # fmt: skip
        antwoord = ["uuid", "aangemaakt_op", "soort", "toelichting", "maatregel", "gereed_op", "per_beginsel",
                    "door_id", "gegeven_op"]  # fmt: skip
        self.t_sig = Signaal._meta.db_table
        t(self.t_sig, ["id", *verplichting, "regel_id", "titel", "knelpunt", "indiener_id", "bron", "status"])
        self.t_sig_casussen, cols = _db_table(Signaal, "casussen")
        t(self.t_sig_casussen, cols)
        self.t_sig_beginselen, cols = _db_table(Signaal, "beginselen")
        t(self.t_sig_beginselen, cols)
        self.t_sig_antw = SignaalAntwoord._meta.db_table
        t(self.t_sig_antw, [*antwoord, "signaal_id"])
        self.t_nr = Noodrem._meta.db_table
        t(self.t_nr, ["id", *verplichting, "niveau", "casus_id", "regel_id", "zaak_kenmerk", "burger_soort",
                      "motivering", "anonimiteit", "getrokken_door_id", "van_organisatie_id",
                      "ontvangstcode_hash", "status"])  # fmt: skip
        self.t_nr_beginselen, cols = _db_table(Noodrem, "beginselen")
        t(self.t_nr_beginselen, cols)
        self.t_melder = NoodremMelder._meta.db_table
        t(self.t_melder, ["noodrem_id", "lid_id"])
        self.t_nr_antw = NoodremAntwoord._meta.db_table
        t(self.t_nr_antw, [*antwoord, "noodrem_id", "teruggave_keuze", "kamerbrief"])
        self.t_bericht = Bericht._meta.db_table
        t(self.t_bericht, ["uuid", "aangemaakt_op", "noodrem_id", "van_burger", "door_id", "tekst"])
        self.t_stilte = Stilte._meta.db_table
        t(self.t_stilte, ["onderwerp_type", "onderwerp_id", "niveau", "organisatie_id", "rol", "uiterlijk",
                          "vastgesteld_op"])  # fmt: skip

    def next_ids(self) -> None:
        from django.contrib.auth import get_user_model

        from schakel.core.models import LedgerHead
        from schakel.organisaties.models import Lid

        self.user_id = (
            get_user_model().objects.order_by("-pk").values_list("pk", flat=True).first() or 0
        ) + 1
        self.lid_id = (Lid.objects.order_by("-pk").values_list("pk", flat=True).first() or 0) + 1
        head = LedgerHead.objects.get(pk=1)
        self.seq, self.prev = head.seq, head.hash

    def leden(self) -> None:
        """Members: every ladder role, a maatwerkcoördinator and a vertrouwenspersoon in every
        organisation; the rest professionals (most), team leads and a few others, by organisation size."""
        rng, w = self.rng, self.w
        self.members: dict[tuple[int, str], list[tuple[int, str]]] = defaultdict(
            list
        )  # (org, rol) → (id, ref)
        plan: list[tuple[int, str]] = []
        for pk, org in self.orgs.items():
            for rol in self.ladders.roles[pk]:
                plan.append((pk, rol))
            if org.soort not in ("ministerie", "parlement", "ombudsman"):
                plan += [(pk, "professional"), (pk, "maatwerkcoordinator"), (pk, "vertrouwenspersoon")]
            plan.append((pk, "beheerder"))
        orgs = list(self.orgs)
        weights = [self.weight[pk] for pk in orgs]
        rest = self.n["leden"] - len(plan)
        extra_roles = (
            ["professional"] * 85 + ["teamleider"] * 8 + ["maatwerkcoordinator"] * 4 + ["bestuur"] * 3
        )
        for org_pk in rng.choices(orgs, weights, k=max(0, rest)):
            rol = rng.choice(extra_roles)
            if (
                rol not in self.ladders.roles[org_pk]
                and rol != "maatwerkcoordinator"
                and rol != "professional"
            ):
                rol = self.ladders.roles[org_pk][0]
            if self.orgs[org_pk].soort in ("ministerie", "parlement", "ombudsman"):
                rol = rng.choice(self.ladders.roles[org_pk])
            plan.append((org_pk, rol))
        at = START - dt.timedelta(days=30)
        for org_pk, rol in plan:
            uid, lid_id = self.user_id, self.lid_id
            self.user_id += 1
            self.lid_id += 1
            u = self.new_uuid()
            w.add(self.t_user, (uid, "!", False, f"lid{uid:07d}", "", "", "", False, True, w.ts(at)))
            w.add(self.t_lid, (lid_id, w.uuid(u), w.ts(at), uid, org_pk, rol, True))
            ref = f"lid:{u}"
            self.members[(org_pk, rol)].append((lid_id, ref))
            at += dt.timedelta(milliseconds=50)
            self.event(at, "lid.toegevoegd", "organisaties.lid", str(u), "bench",
                       {"organisatie": str(self.orgs[org_pk].uuid), "rol": rol})  # fmt: skip
            w.maybe_flush()
        self.write_events(self._pop_before_start())
        w.flush()

    def _pop_before_start(self) -> list[Event]:
        out: list[Event] = []
        for day in [d for d in self.buckets if d < 0]:
            out += self.buckets.pop(day)
        return out

    def member(self, org: int, rol: str) -> tuple[int, str]:
        found = self.members.get((org, rol))
        if not found:  # e.g. a ministry's own professional: its lowest ladder role acts
            found = self.members[(org, self.ladders.roles[org][0])]
        return self.rng.choice(found)

    # the life of an answer-obliged item ------------------------------------------------------------

    def life(
        self,
        *,
        t0: dt.datetime,
        first: tuple[int, str],
        termijn: Any,
        answer_at: dt.datetime | None,
        via_ombudsman: bool,
        label: str,
        model: str,
        sid: str,
    ) -> tuple[tuple[int, str], int, dt.datetime, bool]:
        """Tick escalates at every missed term until the answer comes (or the top is reached); returns
        the recipient, level and deadline at NOW, and whether the top was reached."""
        rec, level = first, 0
        uiterlijk = deadline_for(t0, termijn)
        top = False
        end = min(answer_at, NOW) if answer_at else NOW
        while not top and uiterlijk + TICK_DELAY <= end:
            at = uiterlijk + TICK_DELAY
            org_uuid = str(self.orgs[rec[0]].uuid)
            self.w.add(
                self.t_stilte, (label, sid, level, rec[0], rec[1], self.w.ts(uiterlijk), self.w.ts(at))
            )
            data: dict[str, Any] = {
                "stil": {"organisatie": org_uuid, "rol": rec[1], "uiterlijk": uiterlijk.isoformat()},
                "niveau": level,
            }
            nxt = self.ladders.next(rec, via_ombudsman)
            if nxt is None:
                top = True
                data["top_bereikt"] = True
                self.event(at, f"{model}.stilte", label, sid, "systeem", data)
                break
            rec, level = nxt, level + 1
            uiterlijk = deadline_for(at, termijn)
            data["naar"] = {
                "organisatie": str(self.orgs[rec[0]].uuid),
                "rol": rec[1],
                "uiterlijk": uiterlijk.isoformat(),
            }
            self.event(at, f"{model}.geescaleerd", label, sid, "systeem", data)
        return rec, level, uiterlijk, top

    def answer_time(self, t0: dt.datetime, termijn: Any, p_time: float, p_late: float) -> dt.datetime | None:
        rng = self.rng
        r = rng.random()
        first = deadline_for(t0, termijn)
        if r < p_time:
            return t0 + (first - t0) * rng.uniform(0.05, 0.98)
        if r < p_time + p_late:
            return first + dt.timedelta(hours=rng.expovariate(1 / 240) + 1)
        return None

    def antwoord(self, codes: list[str], soort: str, t: dt.datetime) -> dict[str, Any]:
        rng = self.rng
        if soort == "comply":
            return {
                "soort": soort,
                "toelichting": rng.choice(MOTIVERINGEN),
                "maatregel": rng.choice(MAATREGELEN),
                "per_beginsel": {},
                "gereed_op": (t + dt.timedelta(days=rng.randrange(7, 120))).date(),
            }
        return {
            "soort": soort,
            "toelichting": rng.choice(MOTIVERINGEN),
            "maatregel": "",
            "per_beginsel": {c: rng.choice(MOTIVERINGEN) for c in codes},
            "gereed_op": None,
        }

    # one day --------------------------------------------------------------------------------------

    def day(self, d: int, counts: dict[str, int]) -> None:
        base = START + dt.timedelta(days=d)

        def moment(first_hour: int, last_hour: int) -> dt.datetime:  # never after NOW (on its last day)
            end = min(base + dt.timedelta(hours=last_hour), NOW)
            return (
                base
                + dt.timedelta(hours=first_hour)
                + (end - base - dt.timedelta(hours=first_hour)) * self.rng.random()
            )

        for _ in range(counts["casussen"]):
            self.casus(moment(6, 17))
            self.w.maybe_flush()
        for _ in range(counts["signalen"]):
            self.signaal(moment(6, 17))
            self.w.maybe_flush()
        for _ in range(counts["noodremmen"]):
            self.noodrem(moment(0, 24))
            self.w.maybe_flush()
        events = [e for e in self.buckets.pop(d, []) if e[0] <= NOW]
        self.write_events(events)
        self.w.maybe_flush()

    def casus(self, t0: dt.datetime) -> None:
        rng, w = self.rng, self.w
        org = rng.choices(self.uitvoerend, self.uitvoerend_weights)[0]
        lid_id, ref = self.member(org.pk, "professional")
        topic = rng.choice(self.teksten.topics)
        titel, omschrijving, stems = self.teksten.casus(rng, topic)
        regels = [rng.choice(self.regels[org.pk])]
        codes = sorted(set(rng.sample(self.teksten.principles[topic], rng.choice((1, 2, 2, 3)))))
        codes = [c for c in codes if c in self.beginselen] or [next(iter(self.beginselen))]
        cid = self.casus_id
        self.casus_id += 1
        u = self.new_uuid()
        sid = str(u)
        gedeeld = rng.random() < 0.1
        self.event(t0, "casus.vastgelegd", "casussen.casus", sid, ref, {
            "titel": titel, "omschrijving": omschrijving, "organisatie": str(org.uuid),
            "regels": [str(r.uuid) for r in regels], "beginselen": codes})  # fmt: skip
        w.add(self.t_versie, (cid, 1, titel, omschrijving, lid_id, w.ts(t0)))
        versie, t = 1, t0
        for _ in range(self.corrections(rng)):
            t = t + dt.timedelta(hours=rng.uniform(0.2, 72))
            if t > NOW:
                break
            versie += 1
            extra, extra_stems = rng.choice(self.teksten.aanvullingen)
            omschrijving = omschrijving + extra
            stems = stems + extra_stems
            w.add(self.t_versie, (cid, versie, titel, omschrijving, lid_id, w.ts(t)))
            self.event(t, "casus.gecorrigeerd", "casussen.casus", sid, ref,
                       {"versie": versie, "titel": titel, "omschrijving": omschrijving})  # fmt: skip
        if gedeeld:
            t = t + dt.timedelta(hours=rng.uniform(1, 200))
            if t <= NOW:
                self.event(t, "casus.gedeeld", "casussen.casus", sid, ref, {"gedeeld": True})
            else:
                gedeeld = False
        status, besluiten, uitkomst = "open", [], "open"
        closed = t + dt.timedelta(days=rng.expovariate(1 / 12))
        if rng.random() < 0.92 and closed <= NOW:
            status, uitkomst = "afgerond", "niet_afgeweken"
            if rng.random() < 0.12:
                mb = self.new_uuid()
                mb_id = self.mb_id
                self.mb_id += 1
                besluit = "In afwijking van de regel wordt de terugvordering kwijtgescholden. " + rng.choice(
                    MAATREGELEN
                )
                motivering = rng.choice(MOTIVERINGEN)
                w.add(self.t_mb, (mb_id, w.uuid(mb), w.ts(closed), cid, regels[0].pk, besluit, motivering, lid_id,
                                  w.ts(closed), "", "[]"))  # fmt: skip
                for c in codes:
                    w.add(self.t_mb_beginselen, (mb_id, self.beginselen[c]))
                self.event(closed, "maatwerkbesluit.genomen", "casussen.maatwerkbesluit", str(mb), ref, {
                    "casus": sid, "regel": str(regels[0].uuid), "beginselen": codes, "besluit": besluit,
                    "motivering": motivering, "motivering_verschil": "", "precedenten": []})  # fmt: skip
                self.event(closed, "casus.status", "casussen.casus", sid, ref,
                           {"van": "open", "naar": "afgerond", "maatwerkbesluit": str(mb)})  # fmt: skip
                besluiten = [{"regel": str(regels[0].uuid), "besluit": besluit[:300]}]
                uitkomst = "afgeweken"
            else:
                self.event(closed, "casus.status", "casussen.casus", sid, ref,
                           {"van": "open", "naar": "afgerond", "motivering": rng.choice(MOTIVERINGEN)})  # fmt: skip
        w.add(
            self.t_casus,
            (cid, w.uuid(u), w.ts(t0), titel, omschrijving, org.pk, lid_id, status, versie, gedeeld),
        )
        for r in regels:
            w.add(self.t_casus_regels, (cid, r.pk))
        for c in codes:
            w.add(self.t_casus_beginselen, (cid, self.beginselen[c]))
        w.add(self.t_zoek, (cid, org.pk, gedeeld, f"{titel}\n{omschrijving}", " ".join(stems), len(stems),
                            " ".join(str(r.uuid) for r in regels), " ".join(codes), uitkomst,
                            json.dumps(besluiten, ensure_ascii=False), w.ts(t0)))  # fmt: skip
        self.df.update(set(stems))
        self.total_len += len(stems)
        recent = self.recent_casussen[org.pk]
        recent.append((cid, sid, u))
        if len(recent) > 20:
            recent.pop(0)

    def signaal(self, t0: dt.datetime) -> None:
        from schakel.core.terms import termijn_voor

        rng, w = self.rng, self.w
        org = rng.choices(self.uitvoerend, self.uitvoerend_weights)[0]
        door_id, ref = self.member(org.pk, rng.choice(("professional", "professional", "teamleider")))
        regel = rng.choice(self.regels[org.pk])
        termijn = termijn_voor("signaal")
        sid_int = self.sig_id
        self.sig_id += 1
        u = self.new_uuid()
        sid = str(u)
        codes = rng.sample(sorted(self.beginselen), rng.choice((1, 1, 2)))
        recent = self.recent_casussen[org.pk]
        casussen = rng.sample(recent, min(len(recent), rng.choice((1, 1, 2)))) if rng.random() < 0.7 else []
        bron = rng.choices(("handmatig", "beraad", "patroon"), (85, 10, 5))[0]
        titel = f"Knelpunt in {regel.titel.lower()}"
        knelpunt = rng.choice(MOTIVERINGEN)
        first = (regel.eigenaar_organisatie_id, regel.eigenaar_rol)
        answer_at = self.answer_time(t0, termijn, 0.7, 0.22)
        uiterlijk0 = deadline_for(t0, termijn)
        self.event(t0, "signaal.gegeven", "signalen.signaal", sid, ref, {
            "regel": str(regel.uuid), "titel": titel, "knelpunt": knelpunt, "bron": bron,
            "casussen": [str(c[2]) for c in casussen], "beginselen": codes,
            "ontvanger": {"organisatie": str(self.orgs[first[0]].uuid), "rol": first[1]},
            "termijn": str(termijn), "uiterlijk": uiterlijk0.isoformat()})  # fmt: skip
        rec, level, uiterlijk, _ = self.life(t0=t0, first=first, termijn=termijn, answer_at=answer_at,
                                             via_ombudsman=False, label="signalen.signaal", model="signaal", sid=sid)  # fmt: skip
        status, beantwoord = "open", None
        antwoorden = []
        if answer_at is not None and answer_at <= NOW:
            soort = "comply" if rng.random() < 0.6 else "explain"
            a = self.antwoord(codes, soort, answer_at)
            door, door_ref = self.member(*rec)
            status, beantwoord = "beantwoord", answer_at
            au = self.new_uuid()
            antwoorden = [(a, door, answer_at, au)]
            self.event(answer_at, "signaal.status", "signalen.signaal", sid, door_ref, {
                "van": "open", "naar": "beantwoord", **self.answer_data(a, au, answer_at <= uiterlijk)})  # fmt: skip
            closed = answer_at + dt.timedelta(days=rng.expovariate(1 / 20))
            if rng.random() < 0.75 and closed <= NOW:
                status = "opgelost" if soort == "comply" else "afgewezen"
                self.event(closed, "signaal.status", "signalen.signaal", sid, door_ref,
                           {"van": "beantwoord", "naar": status, "toelichting": rng.choice(MOTIVERINGEN)})  # fmt: skip
        w.add(self.t_sig, (sid_int, w.uuid(u), w.ts(t0), rec[0], rec[1], w.ts(t0), str(termijn), w.ts(uiterlijk),
                           level, w.ts(beantwoord) if beantwoord else None, regel.pk, titel, knelpunt, door_id,
                           bron, status))  # fmt: skip
        for c in casussen:
            w.add(self.t_sig_casussen, (sid_int, c[0]))
        for c in codes:
            w.add(self.t_sig_beginselen, (sid_int, self.beginselen[c]))
        for a, door, at, au in antwoorden:
            self.write_answer_u(self.t_sig_antw, sid_int, a, door, at, au)

    def answer_data(self, a: dict[str, Any], au: uuid.UUID, op_tijd: bool) -> dict[str, Any]:
        return {
            "antwoord": str(au),
            "soort": a["soort"],
            "toelichting": a["toelichting"],
            "maatregel": a["maatregel"],
            "per_beginsel": a["per_beginsel"],
            "gereed_op": a["gereed_op"].isoformat() if a["gereed_op"] else None,
            "op_tijd": op_tijd,
        }

    def write_answer_u(
        self, table: str, item_id: int, a: dict[str, Any], door: int, at: dt.datetime, u: uuid.UUID,
        extra: tuple[Any, ...] = (),
    ) -> None:  # fmt: skip
        w = self.w
        w.add(table, (w.uuid(u), w.ts(at), a["soort"], a["toelichting"], a["maatregel"], w.date(a["gereed_op"]),
                      json.dumps(a["per_beginsel"], ensure_ascii=False), door, w.ts(at), item_id, *extra))  # fmt: skip

    def noodrem(self, t0: dt.datetime) -> None:
        from schakel.core.terms import termijn_voor

        rng, w = self.rng, self.w
        nid = self.nr_id
        self.nr_id += 1
        u = self.new_uuid()
        sid = str(u)
        org = rng.choices(self.uitvoerend, self.uitvoerend_weights)[0]
        codes = rng.sample(sorted(self.beginselen), rng.choice((1, 2, 2, 3)))
        motivering = rng.choice(MOTIVERINGEN)
        casus_id = regel_id = None
        zaak_kenmerk = burger_soort = code_hash = ""
        door_id = van_org = None
        melder = None
        onderwerp = None
        if rng.random() < 0.3:
            niveau, anonimiteit, actor = "burger", "anoniem", "burger"
            burger_soort = rng.choice(("bezwaar", "klacht"))
            zaak_kenmerk = f"Z-{rng.randrange(10**7):07d}"
            first = self.ladders.first(org.pk)
            code_hash = hashlib.sha256(u.bytes).hexdigest()
        else:
            niveau = "professional"
            anonimiteit = rng.choices(("genoemd", "vertrouwelijk", "anoniem"), (50, 30, 20))[0]
            puller_org = org if rng.random() < 0.85 else rng.choice(self.uitvoerend)
            lid_id, lid_ref = self.member(puller_org.pk, "professional")
            recent = self.recent_casussen[org.pk]
            if recent and rng.random() < 0.5:
                casus_id, casus_sid, _ = rng.choice(recent)
                first = self.ladders.first(org.pk)
                onderwerp = {"type": "casus", "uuid": casus_sid}
            else:
                regel = rng.choice(self.regels[org.pk])
                regel_id = regel.pk
                first = (regel.eigenaar_organisatie_id, regel.eigenaar_rol)
                onderwerp = {"type": "regel", "uuid": str(regel.uuid)}
            if anonimiteit == "genoemd":
                door_id, actor = lid_id, lid_ref
            else:
                actor = anonimiteit
                if anonimiteit == "vertrouwelijk":
                    melder = lid_id
                else:
                    code_hash = hashlib.sha256(u.bytes).hexdigest()
            if anonimiteit != "anoniem":
                van_org = puller_org.pk
        termijn = termijn_voor(f"noodrem_{niveau}")
        uiterlijk0 = deadline_for(t0, termijn)
        self.event(t0, "noodrem.getrokken", "noodremmen.noodrem", sid, actor, {
            "niveau": niveau, "onderwerp": onderwerp, "zaak_organisatie": str(org.uuid) if niveau == "burger" else None,
            "zaak_kenmerk": zaak_kenmerk, "burger_soort": burger_soort, "beginselen": codes,
            "motivering": motivering, "anonimiteit": anonimiteit,
            "ontvanger": {"organisatie": str(self.orgs[first[0]].uuid), "rol": first[1]},
            "termijn": str(termijn), "uiterlijk": uiterlijk0.isoformat()})  # fmt: skip
        answer_at = self.answer_time(t0, termijn, 0.72, 0.22)
        rec, level, uiterlijk, _ = self.life(t0=t0, first=first, termijn=termijn, answer_at=answer_at,
                                             via_ombudsman=niveau == "burger", label="noodremmen.noodrem",
                                             model="noodrem", sid=sid)  # fmt: skip
        status, beantwoord, antwoord = "getrokken", None, None
        if answer_at is not None and answer_at <= NOW:
            soort = "comply" if rng.random() < 0.55 else "explain"
            a = self.antwoord(codes, soort, answer_at)
            door, door_ref = self.member(*rec)
            au = self.new_uuid()
            status = "opgevolgd" if soort == "comply" else "uitgelegd"
            beantwoord, antwoord = answer_at, (a, door, answer_at, au)
            self.event(answer_at, "noodrem.status", "noodremmen.noodrem", sid, door_ref, {
                "van": "getrokken", "naar": status, **self.answer_data(a, au, answer_at <= uiterlijk)})  # fmt: skip
        w.add(self.t_nr, (nid, w.uuid(u), w.ts(t0), rec[0], rec[1], w.ts(t0), str(termijn), w.ts(uiterlijk), level,
                          w.ts(beantwoord) if beantwoord else None, niveau, casus_id, regel_id, zaak_kenmerk,
                          burger_soort, motivering, anonimiteit, door_id, van_org, code_hash, status))  # fmt: skip
        for c in codes:
            w.add(self.t_nr_beginselen, (nid, self.beginselen[c]))
        if melder is not None:
            w.add(self.t_melder, (nid, melder))
        if antwoord is not None:
            a, door, at, au = antwoord
            self.write_answer_u(self.t_nr_antw, nid, a, door, at, au, ("", ""))
        # Two-way messages with citizens who follow their brake by receipt code.
        if niveau == "burger":
            t = t0
            for i in range(rng.choice((0, 1, 2, 2, 3, 4))):
                t = t + dt.timedelta(hours=rng.uniform(2, 96))
                if t > NOW:
                    break
                van_burger = i % 2 == 0
                door = None if van_burger else self.member(*rec)
                bu = self.new_uuid()
                tekst = "Is er al nieuws over mijn zaak?" if van_burger else "Wij bekijken uw zaak deze week."
                w.add(
                    self.t_bericht, (w.uuid(bu), w.ts(t), nid, van_burger, door[0] if door else None, tekst)
                )
                self.event(t, "noodrem.bericht", "noodremmen.noodrem", sid, door[1] if door else "ontvangstcode",
                           {"bericht": str(bu), "tekst": tekst})  # fmt: skip

    # the whole run ---------------------------------------------------------------------------------

    def run(self) -> dict[str, int]:
        t_start = time.perf_counter()
        self.setup()
        self.timings["organisaties, regels, beginselen (services)"] = time.perf_counter() - t_start
        self.declare_tables()
        self.next_ids()
        pg = self.w.pg
        from django.db import connection

        connection.ensure_connection()
        if pg:
            self._pg_before_load()
        t0 = time.perf_counter()
        self.leden()
        self.timings["leden"] = time.perf_counter() - t0
        self.uitvoerend_weights = [self.weight[o.pk] for o in self.uitvoerend]
        self.teksten = Teksten(random.Random(self.rng.random()))
        self.casus_id = self.mb_id = self.sig_id = self.nr_id = 1
        self.df: Counter[str] = Counter()
        self.total_len = 0
        self.recent_casussen: dict[int, list[tuple[int, str, uuid.UUID]]] = defaultdict(list)
        base_events = 400 + 30 + 4 * len(self.uitvoerend) + self.n["leden"]
        # Corrections fill the ledger up to its target (about one in every casus's life).
        per_casus = (TARGET_EVENTS * self.scale - base_events) / self.n["casussen"] - 2.0
        per_item = (
            3.5 * self.n["signalen"] / self.n["casussen"] + 2.6 * self.n["noodremmen"] / self.n["casussen"]
        )
        self.mean_corrections = max(0.0, per_casus - per_item - 0.15)
        t0 = time.perf_counter()
        plan = self.day_plan()
        for d in range(self.days):
            self.day(d, plan[d])
        self.write_events([e for day in sorted(self.buckets) for e in self.buckets[day] if e[0] <= NOW])
        self.buckets.clear()
        self.w.flush()
        self.w.close()
        self.timings["casussen, signalen, noodremmen, logboek (bulk)"] = time.perf_counter() - t0
        t0 = time.perf_counter()
        self.finish()
        self.timings["zoekindex, sequenties, statistieken"] = time.perf_counter() - t0
        self.timings["totaal"] = time.perf_counter() - t_start
        # CPU seconds, which do not depend on what else the machine runs: on two free cores the load
        # takes about the larger of the two (they overlap), plus the index builds at the end.
        usage = resource.getrusage(resource.RUSAGE_SELF)
        self.timings["CPU dit proces"] = usage.ru_utime + usage.ru_stime
        if self.w.pg:
            self.timings["CPU database (laden)"] = self.w.backend_cpu
            self.timings["CPU database (indexen)"] = self.index_cpu
        return dict(self.w.rows)

    def corrections(self, rng: random.Random) -> int:
        m = self.mean_corrections
        base = int(m)
        return base + (1 if rng.random() < m - base else 0)

    def day_plan(self) -> list[dict[str, int]]:
        """How many items are raised on each day: working days carry nearly all, spread evenly."""
        weights = [(1.0 if (START + dt.timedelta(days=d)).weekday() < 5 else 0.08) for d in range(self.days)]
        total = sum(weights)
        plan = []
        acc = {k: 0.0 for k in ("casussen", "signalen", "noodremmen")}
        done = {k: 0 for k in acc}
        for wgt in weights:
            today = {}
            for k in acc:
                acc[k] += self.n[k] * wgt / total
                today[k] = round(acc[k]) - done[k]
                done[k] += today[k]
            plan.append(today)
        return plan

    def _pg_before_load(self) -> None:
        """Drop the secondary indexes and unique constraints of the bulk tables (kept: primary keys);
        `finish` builds them again once, which is far cheaper than growing them row by row."""
        from schakel.precedenten import index

        self.rebuild: list[str] = []
        with self.connection.cursor() as cursor:
            cursor.execute("DROP INDEX IF EXISTS precedenten_zoekvector_gin")
            for sql in index.create_sql("postgresql")[:1]:  # the tsvector column: computed during COPY
                cursor.execute(sql)
            for table in self.w.order:
                cursor.execute(
                    "SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint "
                    "WHERE conrelid = %s::regclass AND contype = 'u'",
                    [table],
                )
                for name, definition in cursor.fetchall():
                    cursor.execute(f'ALTER TABLE {table} DROP CONSTRAINT "{name}"')
                    self.rebuild.append(f'ALTER TABLE {table} ADD CONSTRAINT "{name}" {definition}')
                cursor.execute(
                    "SELECT i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid) FROM pg_index i "
                    "WHERE i.indrelid = %s::regclass AND NOT i.indisprimary",
                    [table],
                )
                for name, definition in cursor.fetchall():
                    cursor.execute(f"DROP INDEX {name}")
                    self.rebuild.append(definition)

    def finish(self) -> None:
        from django.core.management.color import no_style
        from django.db import transaction

        from schakel.core.models import LedgerHead
        from schakel.precedenten import index
        from schakel.precedenten.models import Zoekstatistiek, Zoekterm

        conn = self.connection
        with transaction.atomic():
            LedgerHead.objects.filter(pk=1).update(seq=self.seq, hash=self.prev)
            Zoekterm.objects.bulk_create(
                [Zoekterm(term=t, df=n) for t, n in self.df.items()], batch_size=5000
            )
            Zoekstatistiek.objects.update_or_create(
                pk=1, defaults={"documenten": self.w.rows[self.t_zoek], "totale_lengte": self.total_len}
            )
        t0 = time.perf_counter()
        with conn.cursor() as cursor:
            if conn.vendor == "postgresql":
                # The search index first: it is the longest build, and GIN builds use one core only.
                self.index_cpu = _build_side_by_side(conn, [*index.create_sql("postgresql"), *self.rebuild])
                from django.apps import apps

                for sql in conn.ops.sequence_reset_sql(
                    no_style(), apps.get_models(include_auto_created=True)
                ):
                    cursor.execute(sql)
                self.timings["  waarvan indexen opnieuw"] = time.perf_counter() - t0
                cursor.execute("ANALYZE")
            else:
                index.rebuild()
                self.timings["  waarvan FTS5-index"] = time.perf_counter() - t0
                cursor.execute("ANALYZE")


def _own_connection_params(connection: Any) -> dict[str, Any]:
    """Django's connection parameters for a plain psycopg connection of a thread's own (without the
    cursor class and adapters context that only Django's connection uses)."""
    params = connection.get_connection_params()
    params.pop("cursor_factory", None)
    params.pop("context", None)
    return params


def _build_side_by_side(connection: Any, statements: list[str], workers: int = 2) -> float:
    """Run index and constraint builds on `workers` connections at once, taking the next statement as
    one finishes; returns the server CPU seconds they used. One connection left a core idle: a GIN
    build has no parallel workers, and each build reads its table alone. Each statement is its own
    transaction on its own table, so builds on one table wait for each other but never deadlock."""
    import psycopg

    todo: queue.Queue[str] = queue.Queue()
    for sql in statements:
        todo.put(sql)
    params = _own_connection_params(connection)
    cpu: list[float] = []
    errors: list[BaseException] = []

    def work() -> None:
        try:
            with psycopg.connect(**params, autocommit=True) as conn:
                pid = conn.info.backend_pid
                conn.execute("SET maintenance_work_mem = '512MB'")
                while True:
                    try:
                        sql = todo.get_nowait()
                    except queue.Empty:
                        break
                    conn.execute(sql)  # type: ignore[call-overload]
                cpu.append(backend_cpu_seconds(pid))
        except BaseException as exc:  # noqa: BLE001 - raised in the calling thread below
            errors.append(exc)

    threads = [threading.Thread(target=work) for _ in range(workers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if errors:
        raise RuntimeError("indexen bouwen mislukt") from errors[0]
    return sum(cpu)


@lru_cache(maxsize=4096)
def _deadline_on(day: dt.date, termijn: Any) -> dt.datetime:
    from schakel.core.terms import AMSTERDAM, deadline

    return deadline(dt.datetime.combine(day, dt.time(12), tzinfo=AMSTERDAM), termijn)


def deadline_for(t: dt.datetime, termijn: Any) -> dt.datetime:
    """terms.deadline depends only on the Dutch date of the start: computed once per date."""
    from schakel.core.terms import AMSTERDAM

    return _deadline_on(t.astimezone(AMSTERDAM).date(), termijn)


def backend_cpu_seconds(pid: int) -> float:
    """User + system CPU of a database server process on this machine (0 when it is elsewhere)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def require_empty() -> None:
    from schakel.casussen.models import Casus
    from schakel.core.models import LedgerEvent

    if Casus.objects.exists() or LedgerEvent.objects.exists():
        raise SystemExit("De database is niet leeg: genereer in een nieuwe database.")


def migrate() -> None:
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def generate(*, scale: float, seed: int = 2026, out: Callable[[str], None] = print) -> dict[str, Any]:
    """Build the dataset (Django set up, database migrated and empty); returns rows and timings."""
    gen = Generator(scale=scale, seed=seed, out=out)
    rows = gen.run()
    width = max(len(k) for k in [*rows, *gen.timings])
    out(f"{'tabel':<{width}}  {'rijen':>10}  {'schrijven (s)':>13}")
    for name in gen.w.order:
        out(f"{name:<{width}}  {rows.get(name, 0):>10,}  {gen.w.seconds[name]:>13.1f}")
    out("")
    for name, seconds in gen.timings.items():
        out(f"{name:<{width}}  {seconds:>10.1f} s")
    return {"rows": rows, "timings": gen.timings, "events": gen.seq}


def main(argv: Iterable[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--scale", type=float, default=1.0, help="1.0 = national size; 0.01 for a quick run")
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args(list(argv) if argv is not None else None)
    setup_django()
    migrate()
    generate(scale=args.scale, seed=args.seed)


if __name__ == "__main__":
    main()
