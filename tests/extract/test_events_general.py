# ruff: noqa: E501
"""Trials, grants and financings told the ways releases tell them, on invented text: a definite
"the Phase 1b trial" that refers back, study codes as names, preclinical studies that are not
trials, funders listed as the subject of "supported", a parent agency that does not fund, a grant
whose purpose comes in the next sentence, a programme description that is no grant, Series rounds,
option exercises and two placements of one kind."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from tests.extract.test_entities import run as run_text  # noqa: E402

NAMES = ("Quillon Bio, Inc.", ("Quillon",), "QLLN")

TRIALS = """\
Quillon Bio, Inc. (Nasdaq: QLLN) today announced that the Ministry of Health approved a Phase 1b clinical trial of QB-417 in patients with metastatic melanoma, set to begin in the first quarter.

The Company also plans to initiate preclinical studies for QB-417 in colorectal cancer models.

Topline data from the Phase 1b portion of the study are anticipated in the second half of the year.

QBX009 is a new Phase Ib/Randomized Phase II, open label study to assess QB-417 in combination with an approved antibody, currently in the planning stage.
"""


def _trials(text: str):
    _doc, ents, events, _w = run_text(text, "quillon", NAMES)
    out = []
    for e in events:
        if e.kind == "clinical-trial":
            product = ents[e.roles["product"][0]].name if "product" in e.roles else None
            out.append((product, e.values.get("name"), e.values.get("phase"), e.values.get("status")))
    return out


def test_trials_refer_back_carry_codes_and_skip_preclinical_work():
    assert _trials(TRIALS) == [
        ("QB-417", None, "Phase 1b", "planned"),  # the "Phase 1b portion" sentence is the same trial
        ("QB-417", "QBX009", "Phase 1/2", "planned"),  # a code that "is a ... study" names the study
    ]


LEAD = """\
Quillon Bio, Inc. (Nasdaq: QLLN) today announced $3.3 million in financing. The funding will advance the company through the completion of the Phase 2b clinical program for acute infectious conjunctivitis.

The company's lead product, QB-0303, is a combination eyedrop. Quillon also develops QB-101 for dry eye disease.
"""


def test_a_trial_named_without_its_product_is_of_the_lead_product():
    assert [(p, ph) for p, _n, ph, _st in _trials(LEAD)] == [("QB-0303", "Phase 2b")]


GRANTS = """\
Quillon Bio, Inc. (Nasdaq: QLLN) today announced that it has been awarded two Phase I Small Business Innovation Research (SBIR) grants totaling $1.4 million from the National Institute of Allergy and Infectious Diseases (NIAID) of the National Institutes of Health (NIH).

The grants will be used to perform additional toxicology studies of QB-417.

The NIH SBIR program is a peer-reviewed grant program that supports small businesses.

The Harlow Cancer Foundation, the Mersey Research Trust, and Pellam Innovates supported the initial clinical studies of QB-417.

Its Phase 1 study is fully funded by the National Cancer Institute.
"""


def test_grants_from_every_kind_of_funding_sentence():
    _doc, ents, events, _w = run_text(GRANTS, "quillon", NAMES)
    got = [
        (
            ents[e.roles["funder"][0]].name,
            ents[e.roles["product"][0]].name if "product" in e.roles else None,
            e.values.get("amount_usd"),
        )
        for e in events
        if e.kind == "grant"
    ]
    assert got == [
        ("National Institute of Allergy and Infectious Diseases", "QB-417", "1400000"),  # not the NIH: its parent
        ("Harlow Cancer Foundation", "QB-417", None),
        ("Mersey Research Trust", "QB-417", None),
        ("Pellam Innovates", "QB-417", None),
        ("National Cancer Institute", "QB-417", None),
    ]
    niaid = next(e for e in events if e.kind == "grant")
    assert niaid.values["purpose"] == "additional toxicology studies of QB-417"  # from the next sentence


FINANCINGS = """\
Quillon Bio, Inc. (Nasdaq: QLLN) today announced the closing of a $3.3 million Series B Funding round led by existing investors.

On January 8, the Company closed a private placement of 4,000,000 common shares for gross proceeds of $3,000,000.

On August 22, the Company closed its non-brokered private placement of 2,222,333 common shares for gross proceeds of $1,667,000.

On April 21, the Company received $113,000 from the exercise of 125,000 stock options.

The Company may raise additional funds through a rights offering.

The private placement brought the Company's cash to a total of $16 million.
"""


def test_financings_of_every_kind_and_each_placement_once():
    _doc, _ents, events, _w = run_text(FINANCINGS, "quillon", NAMES)
    got = [(e.values["kind"], e.values.get("amount_usd")) for e in events if e.kind == "financing"]
    assert got == [
        ("Series B financing", "3300000"),
        ("private placement", "3000000"),
        ("private placement", "1667000"),  # another placement: another amount
        ("exercise of stock options", "113000"),
    ]  # a hedged rights offering is no financing; a cash balance is no placement's size
    sized = next(e for e in events if e.kind == "financing")
    assert sized.evidence.quote.startswith(
        "Quillon Bio, Inc. (Nasdaq: QLLN) today announced the closing of a $3.3 million"
    )


DEAL = """\
Quillon Bio, Inc. (Nasdaq: QLLN) today announced that it has entered into an agreement that grants Marrow Therapeutics, Inc. an exclusive license to QB-417 in Asia.

Under the agreement, Quillon will receive an upfront payment of $25 million and a $10 million equity investment, and is eligible to receive up to $1.2 billion in development, regulatory and sales milestones, plus tiered royalties ranging from 8% to 12% on net sales.

The Company had cash of $40 million at quarter end.
"""


def test_deal_terms_of_a_licence_with_their_evidence():
    doc, ents, events, _w = run_text(DEAL, "quillon", NAMES)
    (deal,) = [e for e in events if e.kind == "partnership"]
    assert ents[deal.roles["partner"][0]].name == "Marrow Therapeutics, Inc."
    assert deal.values == {
        "role": "licensee",
        "status": "signed",
        "upfront_usd": "25000000",
        "equity_usd": "10000000",
        "milestones_usd": "1200000000",
        "royalty": "tiered royalties ranging from 8% to 12%",
    }
    assert doc.text[deal.evidence.start : deal.evidence.end].endswith("8% to 12% on net sales.")
    assert "$40 million" not in deal.evidence.quote


def test_deal_terms_reach_the_graph(tmp_path: Path) -> None:
    from decimal import Decimal

    from rdflib import URIRef

    from pressgraph.pipeline import build_release_graphs

    path = tmp_path / "quillon-2025-01-06.txt"
    path.write_text("BOSTON, January 6, 2025 -- " + DEAL, encoding="utf-8")
    (release,) = build_release_graphs(path)
    pg = "https://w3id.org/pressgraph/ontology#"
    terms = {
        p.removeprefix(pg): o.toPython()
        for s, p, o in release.graph
        if p in {URIRef(pg + t) for t in ("upfrontPayment", "milestonePayments", "equityInvestment", "royaltyRate")}
    }
    assert terms == {
        "upfrontPayment": Decimal("25000000"),
        "milestonePayments": Decimal("1200000000"),
        "equityInvestment": Decimal("10000000"),
        "royaltyRate": "tiered royalties ranging from 8% to 12%",
    }


def test_prose_per_share_kinds_and_declared_dividends():
    from datetime import date

    from _doc import make_document, make_metadata  # type: ignore[import-not-found]

    from pressgraph.extractors.prose_figures import prose_facts

    doc = make_document(
        "Net loss for the three months ended March 31, 2026 was $5.0 million or $0.15 basic and diluted net loss "
        "per share.\n\nThe Board of Directors has declared a dividend of $.10 per share, payable on "
        "September 1, 2026.\n\nFinancial expenses, net for the three months ended March 31, 2026 were $3.8 million.",
        "quillon",
    )
    md = make_metadata(*NAMES, when=date(2026, 5, 14))
    got = {(f.label, f.concept, f.concept_is_gaap, str(f.period.end), f.value) for f in prose_facts(doc.blocks, md, [])}
    assert ("basic and diluted net loss per share", "EarningsPerShareBasicAndDiluted", True, "2026-03-31", -0.15) in {
        (a, b, c, d, float(e)) for a, b, c, d, e in got
    }
    assert ("dividend", "CommonStockDividendsPerShareDeclared", True, "2026-05-14") in {g[:4] for g in got}
    assert ("Financial expenses, net", "FinancialExpensesNet", False, "2026-03-31") in {g[:4] for g in got}
