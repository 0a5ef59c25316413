"""Renderings of the register rows and the yearly report: CSV, JSON, PDF (fpdf2, pure Python)."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from schakel.register.staat import CIJFERS

REGISTER_KOLOMMEN = [
    "soort",
    "id",
    "niveau",
    "titel",
    "knelpunt",
    "bron",
    "organisatie_code",
    "organisatie_naam",
    "huidige_ontvanger_code",
    "huidige_ontvanger_rol",
    "regel_id",
    "regel_titel",
    "regel_soort",
    "beginselen",
    "ingediend_op",
    "termijn",
    "uiterlijk",
    "beantwoord_op",
    "status",
    "termijnstatus",
    "escalatieniveau",
    "top_bereikt",
    "antwoord_soort",
    "antwoord_toelichting",
    "antwoord_maatregel",
    "antwoord_gereed_op",
    "antwoord_per_beginsel",
    "teruggave_keuze",
    "kamerbrief",
    "commissie_code",
    "commissie_naam",
    "vraag",
    "eerste_uiterlijk",
]


def plat(rij: dict[str, Any]) -> dict[str, Any]:
    org = rij["organisatie"] or {}
    regel = rij["regel"] or {}
    a = rij["antwoord"] or {}
    return {
        "soort": rij["soort"],
        "id": rij["id"],
        "niveau": rij["niveau"],
        "titel": rij["titel"],
        "knelpunt": rij["knelpunt"],
        "bron": rij["bron"],
        "organisatie_code": org.get("code", ""),
        "organisatie_naam": org.get("naam", ""),
        "huidige_ontvanger_code": rij["huidige_ontvanger"].get("code", ""),
        "huidige_ontvanger_rol": rij["huidige_ontvanger"].get("rol", ""),
        "regel_id": regel.get("id", ""),
        "regel_titel": regel.get("titel", ""),
        "regel_soort": regel.get("soort", ""),
        "beginselen": " ".join(rij["beginselen"]),
        "ingediend_op": rij["ingediend_op"],
        "termijn": rij["termijn"],
        "uiterlijk": rij["uiterlijk"],
        "beantwoord_op": rij["beantwoord_op"] or "",
        "status": rij["status"],
        "termijnstatus": rij["termijnstatus"],
        "escalatieniveau": rij["escalatieniveau"],
        "top_bereikt": "ja" if rij["top_bereikt"] else "nee",
        "antwoord_soort": a.get("soort", ""),
        "antwoord_toelichting": a.get("toelichting", ""),
        "antwoord_maatregel": a.get("maatregel", ""),
        "antwoord_gereed_op": a.get("gereed_op") or "",
        "antwoord_per_beginsel": json.dumps(a.get("per_beginsel") or {}, ensure_ascii=False, sort_keys=True),
        "teruggave_keuze": a.get("teruggave_keuze", ""),
        "kamerbrief": a.get("kamerbrief", ""),
        "commissie_code": (rij["commissie"] or {}).get("code", ""),
        "commissie_naam": (rij["commissie"] or {}).get("naam", ""),
        "vraag": rij["vraag"],
        "eerste_uiterlijk": rij["eerste_uiterlijk"],
    }


def register_csv(rijen: list[dict[str, Any]]) -> str:
    out = io.StringIO()
    w = csv.DictWriter(out, fieldnames=REGISTER_KOLOMMEN, lineterminator="\n")
    w.writeheader()
    for r in rijen:
        w.writerow(plat(r))
    return out.getvalue()


def register_json(rijen: list[dict[str, Any]]) -> str:
    return json.dumps(
        {"schema": "schakel-register/1", "aantal": len(rijen), "items": rijen}, ensure_ascii=False, indent=1
    )


def staat_json(rapport: dict[str, Any]) -> str:
    return json.dumps({"schema": "schakel-staat/1", **rapport}, ensure_ascii=False, indent=1)


def staat_csv(rapport: dict[str, Any]) -> str:
    """Long format: one row per (groep, sleutel, cijfer)."""
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(["jaar", "groep", "sleutel", "naam", "cijfer", "waarde", "verschil_vorig_jaar"])
    jaar = rapport["jaar"]
    for k in CIJFERS:
        w.writerow([jaar, "totaal", "", "", k, _fmt(rapport["totaal"][k]), _fmt(rapport["verschil"][k])])
    for o in rapport["per_organisatie"]:
        for k in CIJFERS:
            w.writerow(
                [jaar, "organisatie", o["code"], o["naam"], k, _fmt(o["cijfers"][k]), _fmt(o["verschil"][k])]
            )
    for r in rapport["per_wet"]:
        for k in CIJFERS:
            w.writerow([jaar, "wet", r["id"], r["titel"], k, _fmt(r["cijfers"][k]), ""])
    return out.getvalue()


def _fmt(v: Any) -> str:
    return "" if v is None else str(v)


def staat_pdf(rapport: dict[str, Any]) -> bytes:
    """A plain, print-ready A4 PDF: tables of the totals, per organisation and per law."""
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.set_auto_page_break(auto=True, margin=15)
    pdf.add_page()
    pdf.set_title(f"Staat van de Uitvoering {rapport['jaar']}")

    def tekst(s: str) -> str:
        # Core fonts are Latin-1; replace what they cannot show.
        return s.replace("→", "->").encode("latin-1", "replace").decode("latin-1")

    pdf.set_font("Helvetica", "B", 16)
    pdf.cell(0, 10, tekst(f"Staat van de Uitvoering {rapport['jaar']}"), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", "", 9)
    pdf.multi_cell(
        0,
        5,
        tekst(
            f"Gemaakt op {rapport['gemaakt_op'][:10]} uit de gegevens van Schakel. Een item telt in het jaar "
            "waarin het is ingediend; de stand is die op het moment van maken."
        ),
        new_x="LMARGIN",
        new_y="NEXT",
    )

    def tabel(titel: str, cijfers: dict[str, Any], verschil: dict[str, Any] | None) -> None:
        pdf.ln(3)
        pdf.set_font("Helvetica", "B", 12)
        pdf.cell(0, 8, tekst(titel), new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("Helvetica", "", 9)
        for k, label in CIJFERS.items():
            pdf.cell(130, 5, tekst(label))
            pdf.cell(25, 5, _fmt(cijfers.get(k)) or "-", align="R")
            if verschil is not None:
                d = verschil.get(k)
                pdf.cell(25, 5, "" if d is None else f"{d:+g}", align="R")
            pdf.ln(5)

    tabel("Totaal (met verschil t.o.v. vorig jaar)", rapport["totaal"], rapport["verschil"])
    for o in rapport["per_organisatie"]:
        tabel(f"Organisatie: {o['naam']}", o["cijfers"], o["verschil"])
    for r in rapport["per_wet"]:
        tabel(f"Wet: {r['titel']}", r["cijfers"], None)
    return bytes(pdf.output())
