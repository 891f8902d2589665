"""Release metadata and people on whole real releases: one test per layout or construction.

Every fixture is a release from ../shared/corpus as its source stored it (skipped when ../shared is
absent); the facts asserted are the ones a reader finds in the text.
"""

from __future__ import annotations

from datetime import date

import pytest

from pressgraph.extractors.metadata import extract_metadata
from pressgraph.extractors.narrative import extract_narrative
from pressgraph.extractors.people import Context, clean_name, same_person, split_role, title_run
from pressgraph.model import Document, Entity, ReleaseMetadata
from pressgraph.read import read_path
from tests.conftest import shared_path


def release(*parts: str) -> Document:
    """The press release of a stored file (the EX-99 exhibit or the 6-K of a submission)."""
    docs = read_path(shared_path("corpus", *parts))
    return next((d for d in docs if "99" in d.source or "6-K" in d.source), docs[0])


def people_of(*parts: str) -> tuple[ReleaseMetadata, dict[str, Entity]]:
    doc = release(*parts)
    metadata = extract_metadata(doc)
    entities, _events, _warnings = extract_narrative(doc, metadata)
    return metadata, {e.name: e for e in entities if e.kind == "person"}


def facts(person: Entity) -> tuple[str | None, str | None, str | None]:
    a = person.attributes
    return a.get("jobTitle"), a.get("organization"), a.get("affiliation")


# --- metadata ----------------------------------------------------------------------------------------


def test_dateline_in_parentheses_and_ticker_with_dash():
    """ "ARAB, Alabama (August 6, 1997)-ATRION Corporation (Nasdaq/NM - ATRI) today announced"."""
    md = extract_metadata(release("complete", "atrion-corporation-1997-08-06.htm"))
    assert (md.issuer_name, md.ticker, md.exchange) == ("ATRION Corporation", "ATRI", "Nasdaq National Market")
    assert (md.release_date, md.dateline_city) == (date(1997, 8, 6), "Arab, Alabama")


def test_six_k_cover_page_names_the_registrant():
    """ "KONINKLIJKE PHILIPS N.V. (Exact name of registrant ...)", "Royal Philips (Translation ...)",
    a cover date line, and a dateline with a place but no date: "Amsterdam, the Netherlands – Royal
    Philips (NYSE: PHG, AEX: PHIA)"."""
    md = extract_metadata(release("complete", "koninklijke-philips-2023-01-30.html"))
    assert md.issuer_name == "Koninklijke Philips N.V."
    assert {"Royal Philips", "Philips", "PHG"} <= set(md.issuer_short_names)
    assert (md.ticker, md.exchange) == ("PHG", "New York Stock Exchange")
    assert (md.release_date, md.dateline_city) == (date(2023, 1, 30), "Amsterdam, the Netherlands")


def test_wire_dateline_with_quoted_tickers_and_defined_name():
    """ "TORONTO, ONTARIO - October 29, 2025 (NEWMEDIAWIRE) - Helix BioPharma Corp. (TSX: “HBP”,
    OTC: “HBPCF”, FRANKFURT: “HBP0”) (“Helix” or the “Company”)"."""
    md = extract_metadata(release("bulk", "wire", "helix-biopharma-2025-10-29.md"))
    assert (md.issuer_name, md.ticker, md.exchange) == ("Helix BioPharma Corp.", "HBP", "Toronto Stock Exchange")
    assert md.issuer_short_names == ("Helix", "Helix BioPharma", "HBP")
    assert (md.release_date, md.dateline_city) == (date(2025, 10, 29), "Toronto, Ontario")
    assert (md.reporting_period_end, md.reporting_period_months) == (date(2025, 7, 31), 12)


def test_dateline_without_year_takes_the_year_of_the_served_page():
    """ "PHILADELPHIA, Dec. 10 --" inside a flattened block of a page served on 18 Dec 1997."""
    md = extract_metadata(release("complete", "american-home-products-1997-12-10.htm"))
    assert (md.issuer_name, md.ticker) == ("American Home Products Corporation", "AHP")
    assert (md.release_date, md.dateline_city) == (date(1997, 12, 10), "Philadelphia")
    assert "American" not in md.issuer_short_names  # a generic first word is never a name on its own


def test_newsworthy_dateline_with_weekday_and_time():
    """ "Park City, Utah (Newsworthy.ai) Monday Jan 6, 2025 @ 7:00 AM US/Mountain — Glafabra ..."."""
    md = extract_metadata(release("bulk", "wire", "glafabra-therapeutics-2025-01-06.md"))
    assert (md.issuer_name, md.release_date, md.dateline_city) == (
        "Glafabra Therapeutics, Inc.",
        date(2025, 1, 6),
        "Park City, Utah",
    )


def test_subsidiary_lead_is_issued_by_the_company_of_the_headline():
    """ "CNSide Diagnostics, a wholly-owned subsidiary of Plus Therapeutics, ... announces" under the
    headline "Plus Therapeutics Announces ..."; the legal name comes from its "About" section."""
    md = extract_metadata(release("bulk", "wire", "plus-therapeutics-2025-09-18.md"))
    assert md.issuer_name == "Plus Therapeutics, Inc."
    assert md.release_date is None  # the text prints no date; the file name is never read


def test_wire_copy_without_dateline_has_no_date():
    md = extract_metadata(release("complete", "silexion-therapeutics-2024-11-14.md"))
    assert (md.issuer_name, md.ticker, md.release_date) == ("Silexion Therapeutics Corp.", "SLXN", None)
    assert md.issuer_short_names == ("Silexion", "Silexion Therapeutics", "SLXN")


def test_release_date_from_a_release_label_in_a_letterhead():
    """No dated dateline ("KEARNEY, NE -- (BUSINESS WIRE) --"); the letterhead says "For Immediate
    Release: November 22, 2024"."""
    md = extract_metadata(release("bulk", "edgar", "buckle-2024-11-22.html"))
    assert (md.issuer_name, md.ticker, md.release_date, md.dateline_city) == (
        "The Buckle, Inc.",
        "BKE",
        date(2024, 11, 22),
        "Kearney, NE",
    )


def test_parenthesised_short_name_and_otc_ticker():
    """ "Non-Invasive Monitoring Systems, Inc. (Nims) (OTC:NIMU)"."""
    md = extract_metadata(release("bulk", "web1997", "non-invasive-monitoring-systems-1997-12-15.html"))
    assert (md.issuer_name, md.ticker, md.release_date) == (
        "Non-Invasive Monitoring Systems, Inc.",
        "NIMU",
        date(1997, 12, 15),
    )
    assert "Nims" in md.issuer_short_names


# --- contact blocks ------------------------------------------------------------------------------------


def test_flattened_contact_line_splits_name_title_and_firm():
    """ "CONTACT: Dan Ferry Managing Director LifeSci Advisors, LLC daniel@...": the firm's contact."""
    md, people = people_of("complete", "dogwood-therapeutics-2026-05-14.md")
    assert [(c.name, c.title, c.organization) for c in md.contacts] == [
        ("Dan Ferry", "Managing Director", "LifeSci Advisors, LLC")
    ]
    assert facts(people["Dan Ferry"]) == ("Managing Director", "LifeSci Advisors, LLC", None)
    assert facts(people["Greg Duncan"]) == ("Chief Executive Officer", "Dogwood Therapeutics, Inc.", "issuer")


def test_contact_details_with_honorific_and_investor_relations_firm():
    """ "Contact DetailsSilexion Therapeutics Corp. / Ms. Mirit Horenshtein Hadar, CFO / ... /
    Investor Contact: ARX | Capital Market Advisors": one person; the firm is not one."""
    _md, people = people_of("complete", "silexion-therapeutics-2024-11-14.md")
    assert set(people) == {"Ilan Hadar", "Mirit Horenshtein Hadar"}
    assert facts(people["Mirit Horenshtein Hadar"]) == ("CFO", "Silexion Therapeutics Corp.", "issuer")


def test_capitals_on_separate_lines_joined_by_or():
    """ "CONTACT: MICHAEL OSTRACH / Chief Operating Officer / (510) 215-8000 / or / KATHARINE RUSSELL /
    Russell-Welsh, Inc. / (415) 312-0700" in a 1996 web page."""
    md, people = people_of("complete", "neurobiological-technologies-1996-05-07.htm")
    assert [(c.name, c.title, c.organization, c.phone) for c in md.contacts] == [
        ("Michael Ostrach", "Chief Operating Officer", "Neurobiological Technologies, Inc.", "(510) 215-8000"),
        ("Katharine Russell", None, "Russell-Welsh, Inc.", "(415) 312-0700"),
    ]
    assert md.contacts[0].evidence.quote == "MICHAEL OSTRACH"
    assert set(people) == {"Michael Ostrach", "Katharine Russell", "Stuart A. Lipton", "Jeffrey S. Price"}
    assert people["Jeffrey S. Price"].aliases == ("Jeffrey Price",)  # "Dr. Jeffrey Price" later on
    assert facts(people["Stuart A. Lipton"])[:2] == (
        "Director of the Laboratory of Cellular and Molecular Neuroscience",
        "Children's Hospital",
    )


def test_contacts_side_by_side_in_fixed_width_columns():
    md = extract_metadata(release("releases", "dov-pharmaceutical-2002-08-07.txt"))
    assert [(c.name, c.title, c.organization, c.phone) for c in md.contacts] == [
        ("Barbara Duncan", "Chief Financial Officer", "DOV PHARMACEUTICAL, INC.", "(201) 968-0980"),
        ("Kathleen Eppolito", None, "Scientia Communications, Inc.", "(718) 281-1809"),
    ]


def test_contacts_in_pipe_columns_under_their_firms():
    md = extract_metadata(release("releases", "genaera-corporation-2004-03-25.txt"))
    assert [(c.name, c.organization) for c in md.contacts] == [
        ("Jennifer Bilotti", "Genaera Corporation"),
        ("Jonathan Fassberg", "The Trout Group/BMC Communications"),
        ("Brad Miles", "The Trout Group/BMC Communications"),
    ]


def test_two_names_run_together_in_a_flattened_block():
    """ "Contacts: DOV Pharmaceutical, Inc. (201) 968-0980 Barbara Duncan Alan Beckhard Chief ..."."""
    md = extract_metadata(release("releases", "dov-pharmaceutical-2005-08-08.txt"))
    assert [c.name for c in md.contacts] == ["Barbara Duncan", "Alan Beckhard"]


def test_inline_contact_with_both_of_firm():
    """ "CONTACT: Audrey Ashby, 610-971-5823, or Doug Petkus, 610-971-4980, both of Wyeth-Ayerst
    Laboratories" at the end of a safe-harbor paragraph; quoted people from other organisations."""
    md, people = people_of("complete", "american-home-products-1997-12-10.htm")
    assert [(c.name, c.organization, c.phone) for c in md.contacts] == [
        ("Audrey Ashby", "Wyeth-Ayerst Laboratories", "610-971-5823"),
        ("Doug Petkus", "Wyeth-Ayerst Laboratories", "610-971-4980"),
    ]
    assert facts(people["William C. Andrews"])[:2] == ("Professor Emeritus", "Eastern Virginia Medical School")
    assert facts(people["Marc W. Deitch"])[:2] == (
        "Senior Vice President, Medical Affairs, Global Medical Director",
        "Wyeth-Ayerst Laboratories",
    )


def test_glued_contact_fields():
    """ "Contact: Michael J. WeickertCEO, Pacylex Pharmaceuticals, Inc.E: michael...@...P: 650-..."."""
    md = extract_metadata(release("bulk", "wire", "pacylex-pharmaceuticals-2025-03-17.md"))
    assert [(c.name, c.title, c.organization) for c in md.contacts] == [
        ("Michael J. Weickert", "CEO", "Pacylex Pharmaceuticals, Inc.")
    ]


def test_contact_block_one_field_per_paragraph():
    md, people = people_of("complete", "beyond-cancer-2024-12-03.html")
    assert [(c.name, c.title, c.organization) for c in md.contacts] == [
        ("Corey Davis", None, "LifeSci Advisors, LLC"),
        ("Matt Johnson", "Head of Corporate Development & Strategy", "Beyond Cancer, Ltd."),
    ]
    assert facts(people["Selena Chaisson"]) == (
        "Chief Executive Officer, and Director",
        "Beyond Cancer, Ltd.",
        "issuer",
    )


# --- people in prose, lists and signatures ------------------------------------------------------------


def test_titles_before_names_appointments_departures_and_signature():
    """ "webcast with Philips CEO Roy Jakobs, CFO Abhijit Bhattacharya", "Steve C. de Baca (American,
    1968) has been appointed as ...", "succeed Vitor Rocha, who has decided to leave", "previously led
    by Kees Wesdorp", "/s/ M.J. van Ginneken / (Chief Legal Officer)", the press contacts."""
    _md, people = people_of("complete", "koninklijke-philips-2023-01-30.html")
    assert set(people) == {
        "Roy Jakobs",
        "Abhijit Bhattacharya",
        "Steve C. de Baca",
        "Jeff DiLullo",
        "Vitor Rocha",
        "Kees Wesdorp",
        "Ben Zwirs",
        "Derya Guzel",
        "M.J. van Ginneken",
    }
    assert facts(people["Abhijit Bhattacharya"]) == ("CFO", "Koninklijke Philips N.V.", "issuer")
    assert facts(people["Steve C. de Baca"])[0] == "Chief Patient Safety & Quality Officer"
    assert facts(people["M.J. van Ginneken"])[0] == "Chief Legal Officer"
    assert facts(people["Vitor Rocha"]) == (None, "Koninklijke Philips N.V.", "issuer")


def test_management_changes_in_bullets():
    """ "appointment of Rohit Babbar as Chief Financial Officer (“CFO”) of the Company, replacing James
    B. Murphy", "taking over from Jacek Antas, who continues to be a Director and the Chairman of the
    Board", "the resignation of its Chief Financial Officer (“CFO”) and Corporate Secretary, Praveen
    Varshney"; the CEO also in the glued contact block."""
    _md, people = people_of("bulk", "wire", "helix-biopharma-2025-10-29.md")
    assert {name: facts(p)[0] for name, p in people.items()} == {
        "Thomas Mehrling": "Chief Executive Officer",
        "Rohit Babbar": "Chief Financial Officer",
        "James B. Murphy": "Chief Financial Officer",
        "Veronika Kandziora": "Chief Operating Officer",
        "Jacek Antas": "Director and the Chairman of the Board",
        "Praveen Varshney": "Chief Financial Officer and Corporate Secretary",
    }


def test_management_list_and_a_shorter_spelling_of_a_name():
    """ "Management: / Marvin A. Sackner, M.D., CEO / Mike Inman, Vice President, Research and
    Development / Lee J. Rickles, COO", and "Inquiries: Lee Rickles, COO" further down."""
    md, people = people_of("bulk", "web1997", "non-invasive-monitoring-systems-1997-12-15.html")
    assert {name: facts(p)[0] for name, p in people.items()} == {
        "Marvin A. Sackner": "CEO",
        "Mike Inman": "Vice President, Research and Development",
        "Lee J. Rickles": "COO",
    }
    assert people["Lee J. Rickles"].aliases == ("Lee Rickles",)
    assert [c.name for c in md.contacts] == ["Lee Rickles"]


def test_long_title_before_the_name():
    """ "said Cerus Vice President of New Science Opportunities John Hearst, Ph.D."."""
    _md, people = people_of("releases", "cerus-corporation-1999-10-05.txt")
    assert {name: facts(p) for name, p in people.items()} == {
        "John Hearst": ("Vice President of New Science Opportunities", "Cerus Corporation", "issuer"),
        "Stephen Isaacs": ("President and Chief Executive Officer", "Cerus Corporation", "issuer"),
    }


def test_investigator_at_another_institution():
    """ "Dr. Naveen Pemmaraju is the principal investigator for the AML clinical study at The
    University of Texas MD Anderson Cancer Center": not the issuer's."""
    _md, people = people_of("bulk", "wire", "pacylex-pharmaceuticals-2025-03-17.md")
    assert facts(people["Naveen Pemmaraju"]) == (
        "principal investigator for the AML clinical study",
        "The University of Texas MD Anderson Cancer Center",
        None,
    )


# --- the pieces ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "name"),
    [
        ("Ms. Mirit Horenshtein Hadar", "Mirit Horenshtein Hadar"),
        ("MICHAEL OSTRACH", "Michael Ostrach"),
        ("Marvin A. Sackner, M.D.", "Marvin A. Sackner"),
        ("Capital Market Advisors", None),
        ("North American Equities Desk", None),
        ("Von Karman Avenue", None),
        ("Dan Ferry Managing", None),
        ("Justin Kubeck Will Initiate", None),
    ],
)
def test_clean_name(raw, name):
    assert clean_name(raw) == name


def test_same_person_and_flattened_titles():
    assert same_person("Jeffrey Price", "Jeffrey S. Price") and not same_person("Ilan Hadar", "Mirit Horenshtein Hadar")
    assert title_run("Managing Director LifeSci Advisors, LLC") == ("Managing Director", "LifeSci Advisors, LLC")
    assert split_role("Chief Executive Officer of Dogwood Therapeutics", _ctx()) == (
        "Chief Executive Officer",
        "Dogwood Therapeutics",
    )


def _ctx() -> Context:
    return Context.of("Dogwood Therapeutics, Inc.", ["Dogwood"])


def test_a_dateline_inside_a_flattened_block_may_carry_a_wire_name():
    from pressgraph.extractors.metadata import _DATELINE_INSIDE

    m = _DATELINE_INSIDE.search("Acme wins an award BOSTON, Jan. 6, 2025 /PRNewswire/ -- Acme Corp. said")
    assert m is not None and (m.group("city"), m.group("date")) == ("BOSTON", "Jan. 6, 2025")


def test_a_street_address_run_into_the_issuers_name_is_not_part_of_it():
    """ "Ann ColeChief Executive OfficerWidgetron Corp.1200 Harbor Drive, Suite 801San Diego ...":
    the firm is the issuer, named without its address, and so no partner of itself."""
    from pressgraph.read import read_bytes

    text = (
        "Widgetron Corp. Opens a Laboratory\n\nSAN DIEGO, Sept. 24, 2025 -- Widgetron Corp. (OTC: WDGT) today "
        "opened a laboratory in San Diego for its enzyme work, the company said.\n\n"
        "Contact: Ann ColeChief Executive OfficerWidgetron Corp.1200 Harbor Drive, Suite 801San Diego, CA "
        "92127Phone: +1 (858) 555-0100Email: info@widgetron.example\n"
    )
    doc = read_bytes(text.encode(), source="widgetron.md")[0]
    metadata = extract_metadata(doc)
    assert [c.organization for c in metadata.contacts] == ["Widgetron Corp."]
    _entities, events, _warnings = extract_narrative(doc, metadata)
    assert [e for e in events if e.kind == "partnership"] == []
