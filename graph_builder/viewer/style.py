"""The viewer's colours and shapes: one per agreement kind, fixed ones for the groups every
dataset has, and a palette the other groups cycle through."""

from __future__ import annotations

AGREEMENT_STYLE = {  # text sits on these fills: each is >= 4.5:1 against white (WCAG AA)
    "StrategicCooperation": ("#1f4e79", "box"),
    "MemorandumOfUnderstanding": ("#6a2c91", "ellipse"),
    "CooperationAgreement": ("#8c3a06", "pill"),
}
AGREEMENT_FALLBACK = ("#3b3b3b", "box")
PALETTE = (
    "#4e79a7",
    "#f28e2b",
    "#e15759",
    "#76b7b2",
    "#59a14f",
    "#edc948",
    "#b07aa1",
    "#ff9da7",
    "#9c755f",
    "#bab0ac",
    "#86bcb6",
    "#d37295",
    "#a0cbe8",
    "#ffbe7d",
    "#8cd17d",
    "#f1ce63",
    "#499894",
    "#fabfd2",
)
SHAPES = ("dot", "square", "diamond", "triangle", "star", "triangleDown", "hexagon")
GROUP_STYLE = {  # fixed styles for the groups every dataset has; others cycle the palette
    "Country": ("#4e79a7", "star"),
    "InternationalOrganisation": ("#499894", "star"),
    "Ministry": ("#f28e2b", "square"),
    "GovernmentBody": ("#f28e2b", "square"),
    "Person": ("#e15759", "dot"),
    "Post": ("#ff9da7", "triangleDown"),
    "Signature": ("#b07aa1", "triangle"),
    "SigningEvent": ("#9c755f", "hexagon"),
    "Event": ("#bab0ac", "hexagon"),
    "Place": ("#76b7b2", "triangle"),
    "Sector": ("#59a14f", "diamond"),
    "IndustrySector": ("#59a14f", "diamond"),
    "Activity": ("#edc948", "dot"),
    "CooperationActivity": ("#edc948", "dot"),
    "Objective": ("#86bcb6", "dot"),
    "Institution type": ("#a0cbe8", "square"),
    "InstitutionType": ("#a0cbe8", "square"),
}


def group_color(name: str) -> str:
    """The ``#rrggbb`` colour the viewer gives vertices of group *name* (for other tools)."""
    return group_style(name, sum(map(ord, name)))["color"]


def group_style(name: str, index: int) -> dict[str, str]:
    if name in AGREEMENT_STYLE or name.endswith("Agreement"):
        color, shape = AGREEMENT_STYLE.get(name, AGREEMENT_FALLBACK)
        return {"name": name, "color": color, "shape": shape, "text": "#ffffff"}
    color, shape = GROUP_STYLE.get(
        name, (PALETTE[index % len(PALETTE)], SHAPES[index % len(SHAPES)])
    )
    return {"name": name, "color": color, "shape": shape}
