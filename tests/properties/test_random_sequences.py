"""Hard guarantees over random sequences of actions through the services, including wrong actors,
bad input, tick at random moments and attempts to close or delete directly."""

from __future__ import annotations

import datetime as dt

from django.test import override_settings
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase

from schakel.beginselen.services import beginselen_load_default
from schakel.beheer.tick import tick
from schakel.core import ledger
from schakel.core.errors import SchakelError
from schakel.core.models import LedgerEvent
from schakel.core.terms import AMSTERDAM
from schakel.noodremmen.models import Anonimiteit, Niveau, Noodrem, TeruggaveKeuze
from schakel.noodremmen.services import noodrem_answer, noodrem_pull
from schakel.noodremmen.workflow import CLOSED as NOODREM_CLOSED
from schakel.noodremmen.workflow import NoodremStatus, noodrem_transition
from schakel.opdrachten.workflow import OpdrachtStatus, opdracht_transition
from schakel.organisaties.ladder import Ontvanger, may_act_for
from schakel.signalen.models import Signaal
from schakel.signalen.services import signaal_afronden, signaal_answer, signaal_raise
from schakel.signalen.workflow import CLOSED as SIGNAAL_CLOSED
from schakel.signalen.workflow import SignaalStatus, signaal_transition
from tests.factories import MOTIVERING, TOELICHTING, RegelFactory, World, opdracht

START = dt.datetime(2026, 11, 23, 9, tzinfo=AMSTERDAM)
ROLES = [
    "uo.professional",
    "uo.teamleider",
    "uo.bestuur",
    "gem.professional",
    "min.beleidsdirectie",
    "min.bewindspersoon",
    "tk.griffie",
]

action = st.one_of(
    st.tuples(st.just("raise"), st.sampled_from(ROLES), st.booleans()),
    st.tuples(st.just("pull"), st.sampled_from(ROLES), st.sampled_from(list(Anonimiteit)), st.booleans()),
    st.tuples(st.just("pull_org"), st.sampled_from(ROLES)),
    st.tuples(
        st.just("answer"),
        st.sampled_from(ROLES),
        st.sampled_from(["comply", "explain"]),
        st.integers(0, 9),
        st.booleans(),
        st.sampled_from(list(TeruggaveKeuze)),
    ),
    st.tuples(st.just("afronden"), st.sampled_from(ROLES), st.integers(0, 9)),
    st.tuples(st.just("tick"), st.integers(0, 40)),
    st.tuples(st.just("force_close"), st.integers(0, 9)),
    st.tuples(st.just("delete"), st.integers(0, 9)),
)


@override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend")
class TestGuaranteesHoldForRandomActions(TestCase):
    @settings(
        max_examples=40,
        deadline=None,
        derandomize=True,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
    @given(actions=st.lists(action, min_size=1, max_size=18))
    def test_invariants(self, actions):
        beginselen_load_default()
        world = World.build()
        regels = [
            RegelFactory(uitvoerder=world.uitvoerder),
            RegelFactory(uitvoerder=world.uitvoerder, wet=True),
        ]
        now = START
        for step in actions:
            # setup that is not part of the action under test happens before the ledger is counted
            self.opdracht = opdracht(world, state="vastgesteld") if step[0] == "pull_org" else None
            before = LedgerEvent.objects.count()
            try:
                now = self.apply(world, regels, step, now)
            except SchakelError:
                self.assertEqual(
                    LedgerEvent.objects.count(), before, f"refused {step} but wrote to the ledger"
                )
            self.check_invariants(now)

    def items(self):
        return list(Signaal.objects.order_by("pk")) + list(Noodrem.objects.order_by("pk"))

    def pick(self, index):
        items = self.items()
        return items[index % len(items)] if items else None

    def apply(self, world, regels, step, now):
        kind = step[0]
        if kind == "raise":
            _, who, good = step
            signaal_raise(
                door=world.lid(who),
                regel=regels[len(Signaal.objects.all()) % 2],
                titel="Knelpunt",
                knelpunt=MOTIVERING if good else "te kort",
                beginsel_codes=["AWB-EVENREDIGHEID"],
                now=now,
            )
        elif kind == "pull":
            _, who, anonimiteit, good = step
            noodrem_pull(
                niveau=Niveau.PROFESSIONAL,
                door=world.lid(who),
                anonimiteit=anonimiteit,
                regel=regels[0],
                beginsel_codes=["AWB-EVENREDIGHEID"] if good else [],
                motivering=MOTIVERING,
                now=now,
            )
        elif kind == "pull_org":
            noodrem_pull(
                niveau=Niveau.ORGANISATIE,
                door=world.lid(step[1]),
                opdracht=self.opdracht,
                beginsel_codes=["ROB-UITVOERBAARHEID"],
                motivering=MOTIVERING,
                now=now,
            )
        elif kind == "answer":
            _, who, soort, index, good, keuze = step
            item = self.pick(index)
            if item is None:
                return now
            codes = list(item.beginselen.values_list("code", flat=True))
            kwargs = {
                "door": world.lid(who),
                "soort": soort,
                "toelichting": TOELICHTING if good else "nee",
                "maatregel": "De regel wordt aangepast." if soort == "comply" else "",
                "per_beginsel": {c: TOELICHTING for c in codes} if soort == "explain" else {},
                "now": now,
            }
            if isinstance(item, Signaal):
                signaal_answer(signaal=item, gereed_op=(now + dt.timedelta(days=30)).date(), **kwargs)
            else:
                if item.niveau == Niveau.ORGANISATIE:
                    kwargs.update(teruggave_keuze=keuze, kamerbrief="Kamerstuk 1")
                noodrem_answer(noodrem=item, **kwargs)
        elif kind == "afronden":
            _, who, index = step
            item = self.pick(index)
            if isinstance(item, Signaal):
                signaal_afronden(signaal=item, door=world.lid(who), toelichting=TOELICHTING, now=now)
        elif kind == "tick":
            now = now + dt.timedelta(days=step[1])
            tick(now=now)
            count = LedgerEvent.objects.count()
            self.assertEqual(tick(now=now).total, 0)
            self.assertEqual(LedgerEvent.objects.count(), count)
        elif kind == "force_close":
            # the state machine itself must refuse to close what has not been answered
            item = self.pick(step[1])
            if isinstance(item, Signaal) and item.status == SignaalStatus.OPEN:
                signaal_transition(item, to=SignaalStatus.BEANTWOORD, actor="aanval")
            elif isinstance(item, Noodrem) and item.status == NoodremStatus.GETROKKEN:
                if item.opdracht is not None:
                    opdracht_transition(item.opdracht, to=OpdrachtStatus.VASTGESTELD, actor="aanval")
                noodrem_transition(item, to=NoodremStatus.OPGEVOLGD, actor="aanval")
        elif kind == "delete":
            item = self.pick(step[1])
            if item is not None:
                try:
                    item.delete()
                finally:
                    type(item).objects.filter(pk=item.pk).delete()
        return now

    def check_invariants(self, now):
        for item in self.items():
            closed = (
                SIGNAAL_CLOSED | {SignaalStatus.BEANTWOORD} if isinstance(item, Signaal) else NOODREM_CLOSED
            )
            answered = item.status in closed
            self.assertEqual(answered, item.beantwoord_op is not None, item)
            answers = list(item.antwoorden.select_related("door__organisatie"))
            if answered:
                self.assertEqual(len(answers), 1, item)
                self.assertTrue(
                    may_act_for(answers[0].door, Ontvanger(item.ontvanger_organisatie, item.ontvanger_rol))
                )
                if isinstance(item, Noodrem):
                    expected = (
                        NoodremStatus.OPGEVOLGD if answers[0].soort == "comply" else NoodremStatus.UITGELEGD
                    )
                    self.assertEqual(item.status, expected)
                elif item.status == SignaalStatus.OPGELOST:
                    self.assertEqual(answers[0].soort, "comply")
                elif item.status == SignaalStatus.AFGEWEZEN:
                    self.assertEqual(answers[0].soort, "explain")
            else:
                self.assertEqual(answers, [])
                self.assertEqual(item.is_te_laat(now), now > item.uiterlijk)
            if (
                isinstance(item, Noodrem)
                and item.niveau == Niveau.ORGANISATIE
                and item.opdracht is not None
                and item.status == NoodremStatus.GETROKKEN
            ):
                self.assertEqual(item.opdracht.status, OpdrachtStatus.TERUGGEGEVEN)
        result = ledger.verify()
        self.assertTrue(result.ok, result)
        self.assertEqual(result.count, LedgerEvent.objects.count())
