"""Inline SVG bar charts, made in Python: no JavaScript, printable, readable without colour."""

from __future__ import annotations

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

KLEUREN = ("#154273", "#a3161b", "#1e6b2f", "#8a5a00")


def staafdiagram(titel: str, labels: list[str], reeksen: list[tuple[str, list[float]]]) -> SafeString:
    """Horizontal grouped bars: one group per label, one bar per series, value printed beside each bar."""
    rij_h, bar_h, label_w, breedte = 8 + 14 * len(reeksen), 12, 220, 640
    plot_w = breedte - label_w - 60
    maximum = max([v for _, vs in reeksen for v in vs] + [1])
    legend_h = 20 * len(reeksen)
    hoogte = 30 + legend_h + rij_h * max(len(labels), 1) + 10
    delen = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" width="{breedte}" height="{hoogte}" '
        f'viewBox="0 0 {breedte} {hoogte}" class="register-grafiek" aria-labelledby="g-{abs(hash(titel))}">',
        f'<title id="g-{abs(hash(titel))}">{escape(titel)}</title>',
        f'<text x="0" y="16" font-size="14" font-weight="bold">{escape(titel)}</text>',
    ]
    for i, (naam, _) in enumerate(reeksen):
        y = 28 + 20 * i
        kleur = KLEUREN[i % len(KLEUREN)]
        delen.append(f'<rect x="0" y="{y}" width="12" height="12" fill="{kleur}"/>')
        delen.append(f'<text x="18" y="{y + 11}" font-size="12">{escape(naam)}</text>')
    top = 30 + legend_h
    for r, label in enumerate(labels):
        y0 = top + r * rij_h
        delen.append(f'<text x="0" y="{y0 + rij_h / 2 + 4}" font-size="12">{escape(label[:34])}</text>')
        for i, (_, waarden) in enumerate(reeksen):
            v = waarden[r] if r < len(waarden) else 0
            w = plot_w * v / maximum
            y = y0 + 4 + i * 14
            kleur = KLEUREN[i % len(KLEUREN)]
            delen.append(
                f'<rect x="{label_w}" y="{y}" width="{w:.1f}" height="{bar_h}" fill="{kleur}"/>'
                f'<text x="{label_w + w + 4:.1f}" y="{y + 10}" font-size="11">{v:g}</text>'
            )
    if not labels:
        delen.append(f'<text x="0" y="{top + 14}" font-size="12">Geen gegevens.</text>')
    delen.append("</svg>")
    return mark_safe("".join(delen))  # noqa: S308 - every text is escaped above


def grafieken(rapport: dict) -> list[SafeString]:
    orgs = rapport["per_organisatie"]
    labels = [o["naam"] for o in orgs]

    def reeks(naam: str, sleutel: str) -> tuple[str, list[float]]:
        return naam, [float(o["cijfers"][sleutel] or 0) for o in orgs]

    return [
        staafdiagram(
            "Knelpunten per organisatie",
            labels,
            [
                reeks("ingediend", "knelpunten_ingediend"),
                reeks("opgelost", "knelpunten_opgelost"),
                reeks("afgewezen", "knelpunten_afgewezen"),
            ],
        ),
        staafdiagram(
            "Noodremmen per organisatie",
            labels,
            [
                reeks("getrokken", "noodremmen_getrokken"),
                reeks("op tijd beantwoord", "noodremmen_op_tijd"),
                reeks("geëscaleerd", "noodremmen_geescaleerd"),
                reeks("genegeerd", "noodremmen_genegeerd"),
            ],
        ),
        staafdiagram(
            "Kamervragen per organisatie",
            labels,
            [
                reeks("gesteld", "kamervragen_gesteld"),
                reeks("op tijd beantwoord", "kamervragen_op_tijd"),
                reeks("te laat beantwoord", "kamervragen_te_laat"),
                reeks("niet beantwoord", "kamervragen_onbeantwoord"),
            ],
        ),
        staafdiagram(
            "Opvolgen of uitleggen (signalen en noodremmen)",
            labels,
            [
                (
                    "comply",
                    [
                        float(o["cijfers"]["signalen_comply"] + o["cijfers"]["noodremmen_comply"])
                        for o in orgs
                    ],
                ),
                (
                    "explain",
                    [
                        float(o["cijfers"]["signalen_explain"] + o["cijfers"]["noodremmen_explain"])
                        for o in orgs
                    ],
                ),
            ],
        ),
    ]
