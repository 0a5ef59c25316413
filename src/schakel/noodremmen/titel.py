"""A brake's title as lists show it (werkvoorraad, casus page, vertrouwenspersoon): what it is about,
in the active language, never who pulled it."""

from __future__ import annotations

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from schakel.noodremmen.models import Niveau, Noodrem

# The models' verbose names are Dutch data of other apps; the subject kinds a brake names are few.
ONDERWERP_LABELS = {
    "casus": _("casus"),
    "regel": _("regel"),
    "maatwerkbesluit": _("maatwerkbesluit"),
    "opdracht": _("opdracht"),
}


def noodrem_titel(n: Noodrem, *, noem_onderwerp: bool = True) -> str:
    """`noem_onderwerp=False` for a reader who may not see the subject (toegang.onderwerp_verborgen_voor)."""
    if n.niveau == Niveau.BURGER:
        soort = n.get_burger_soort_display() or gettext("Bezwaar of klacht")
        if n.zaak_kenmerk:
            return gettext("%(soort)s van een burger (kenmerk %(kenmerk)s)") % {
                "soort": soort,
                "kenmerk": n.zaak_kenmerk,
            }
        return gettext("%(soort)s van een burger") % {"soort": soort}
    onderwerp = n.onderwerp if noem_onderwerp else None
    if onderwerp is None:
        return gettext("Noodrem (%(niveau)s)") % {"niveau": n.get_niveau_display()}
    soort = str(ONDERWERP_LABELS.get(onderwerp._meta.model_name or "", onderwerp._meta.verbose_name))
    return gettext("Noodrem over %(soort)s “%(onderwerp)s”") % {"soort": soort, "onderwerp": onderwerp}
