"""Intake pseudonymisation: a realistic Dutch narrative loses its identifiers and keeps its meaning."""

from __future__ import annotations

from schakel.casussen.pseudonymise import pseudonymise

VERHAAL = (
    "Mevrouw Fatima el Amrani (BSN 123456782) woont aan de Kerkstraat 14, 3511 LX Utrecht. "
    "Op 12 maart 2026 belde zij vanaf 06-12345678 omdat UWV haar WIA-voorschot terugvordert. "
    "Haar dochter Sanne de Jong mailde vanaf sanne.dejong@example.nl en gaf rekening NL91ABNA0417164300 op. "
    "Het voorschot werd te hoog vastgesteld omdat UWV het besluit zeven maanden te laat nam."
)


def test_identifiers_are_removed():
    out = pseudonymise(VERHAAL)
    for identifier in [
        "Fatima",
        "Amrani",
        "123456782",
        "Kerkstraat",
        "3511 LX",
        "12 maart 2026",
        "06-12345678",
        "Sanne",
        "de Jong",
        "sanne.dejong@example.nl",
        "NL91ABNA0417164300",
    ]:
        assert identifier not in out, identifier


def test_meaning_is_kept():
    out = pseudonymise(VERHAAL)
    for word in ["UWV", "WIA-voorschot", "terugvordert", "dochter", "zeven maanden te laat", "besluit"]:
        assert word in out, word
    assert "[PERSOON-1]" in out and "[PERSOON-2]" in out


def test_empty_and_plain_text_pass_through():
    assert pseudonymise("") == ""
    assert pseudonymise("De regel knelt.") == "De regel knelt."
