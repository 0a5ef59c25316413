"""The items the authorisation matrices (API and pages) talk about, each made on first use through the
services, so a row only pays for what it uses."""

from __future__ import annotations

from functools import cached_property
from typing import Any

from schakel.casussen.services import beraad_start
from schakel.kamervragen.services import kamervraag_stellen
from schakel.noodremmen.models import Anonimiteit
from schakel.precedenten.models import Voorstel
from tests.factories import RegelFactory, World, casus, maatwerkbesluit, noodrem, opdracht, signaal

VRAAG = "Mogen wij in dit geval afwijken van de regel, en zo ja op welke grond en met welk besluit?"
KAMERVRAAG = "Hoe vaak is deze regel het afgelopen jaar buiten toepassing gelaten en waarom gebeurde dat?"


class Scene:
    """regel: a work instruction of uo, owned by uo.teamleider; wet: a law executed by uo, owned by
    min.beleidsdirectie. The beraad is chaired by uo.maatwerkcoordinator and invites gem.professional.
    The kamervraag goes from tk.griffie to uo's bestuur; the voorstel is uo's, for its coordinator."""

    def __init__(self, world: World) -> None:
        self.world = world

    def lid(self, key: str) -> Any:
        return self.world.lid(key)

    @cached_property
    def regel(self) -> Any:
        return RegelFactory(uitvoerder=self.world.uitvoerder)

    @cached_property
    def wet(self) -> Any:
        return RegelFactory(uitvoerder=self.world.uitvoerder, wet=True)

    @cached_property
    def casus(self) -> Any:
        return casus(self.world, regels=[self.regel])

    @cached_property
    def beraad(self) -> Any:
        return beraad_start(
            casus=self.casus,
            door=self.lid("uo.maatwerkcoordinator"),
            vraag=VRAAG,
            deelnemers=[self.lid("gem.professional")],
        )

    @cached_property
    def besluit(self) -> Any:
        return maatwerkbesluit(self.world, casus(self.world, regels=[self.regel]))

    @cached_property
    def signaal(self) -> Any:
        return signaal(self.world, regel=self.regel)

    @cached_property
    def signaal_wet(self) -> Any:
        return signaal(self.world, regel=self.wet)

    @cached_property
    def signaal_beantwoord(self) -> Any:
        return signaal(self.world, regel=self.regel, state="beantwoord_comply")

    @cached_property
    def noodrem(self) -> Any:
        return noodrem(self.world, regel=self.regel)

    @cached_property
    def noodrem_wet(self) -> Any:
        return noodrem(self.world, regel=self.wet)

    @cached_property
    def noodrem_vertrouwelijk(self) -> Any:
        return noodrem(self.world, regel=self.regel, anonimiteit=Anonimiteit.VERTROUWELIJK)

    @cached_property
    def ontwerp(self) -> Any:
        return opdracht(self.world, state="ontwerp")

    @cached_property
    def toets_gevraagd(self) -> Any:
        return opdracht(self.world, state="toets_gevraagd")

    @cached_property
    def getoetst(self) -> Any:
        return opdracht(self.world, state="getoetst")

    @cached_property
    def vastgesteld(self) -> Any:
        return opdracht(self.world, state="vastgesteld")

    @cached_property
    def kamervraag(self) -> Any:
        return kamervraag_stellen(
            door=self.lid("tk.griffie"), organisatie=self.world.uitvoerder, vraag=KAMERVRAAG
        )

    @cached_property
    def voorstel(self) -> Voorstel:
        """Five deviations from one rule make Schakel propose a structural signaal (the default threshold)."""
        regel = RegelFactory(uitvoerder=self.world.uitvoerder)
        for _ in range(5):
            maatwerkbesluit(self.world, casus(self.world, regels=[regel]))
        return Voorstel.objects.get(regel=regel)


class Uuids:
    """`"/casussen/{casus}/".format_map(Uuids(scene))` puts in the uuid of the scene's casus."""

    def __init__(self, scene: Scene) -> None:
        self.scene = scene

    def __getitem__(self, key: str) -> str:
        return str(getattr(self.scene, key).uuid)
