"""Reads about organisations and their members."""

from __future__ import annotations

from schakel.organisaties.models import Rol
from schakel.organisaties.selectors import adressen_per_rol


def test_addresses_per_role_hold_exactly_the_roles_asked_for(world):
    teamleider = world.lid("uo.teamleider")
    bestuur = world.lid("gem.bestuur")
    asked = [(world.uitvoerder.pk, Rol.TEAMLEIDER), (world.gemeente.pk, Rol.BESTUUR)]
    # The cross pairs (uitvoerder bestuur, gemeente teamleider) exist but were not asked for.
    assert adressen_per_rol(asked) == {
        (world.uitvoerder.pk, Rol.TEAMLEIDER): [teamleider.gebruiker.email],
        (world.gemeente.pk, Rol.BESTUUR): [bestuur.gebruiker.email],
    }


def test_inactive_members_and_empty_addresses_get_no_mail(world):
    teamleider = world.lid("uo.teamleider")
    type(teamleider).objects.filter(pk=teamleider.pk).update(actief=False)
    bestuur = world.lid("gem.bestuur")
    type(bestuur.gebruiker).objects.filter(pk=bestuur.gebruiker_id).update(email="")
    assert adressen_per_rol([(world.uitvoerder.pk, Rol.TEAMLEIDER), (world.gemeente.pk, Rol.BESTUUR)]) == {}
