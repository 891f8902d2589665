"""Property-based robustness: malformed documents and tables through reader and extractors.

Whatever the input (truncated tags, random bytes, absurd numbers, mismatched columns, broken
HTML), the only exception that may escape is the project's own documented error type.
"""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pressgraph.errors import PressgraphError
from pressgraph.pipeline import extract_document
from pressgraph.read import read_bytes
from tests.conftest import SEED

SEED_TEXT = SEED.read_text(encoding="utf-8")
TABLE_START = SEED_TEXT.index("<TABLE>")

amount = st.one_of(
    st.integers(min_value=-(10**30), max_value=10**30).map(lambda n: f"{n:,}"),
    st.integers(min_value=0, max_value=10**12).map(lambda n: f"({n:,})"),
    st.sampled_from(["--", "—", "$", "(", ")", "%", "(.05)", "1e99", "1,2,3", "9" * 400, "$ (", ".", "-0"]),
)
label = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=40)
row = st.tuples(label, st.lists(amount, min_size=0, max_size=7)).map(
    lambda r: f"   {r[0]} ....   " + "     ".join(r[1])
)
header = st.lists(
    st.sampled_from(
        [
            "Quarter ended",
            "September 30,",
            "2003",
            "2002",
            "Three Months Ended",
            "June 31, 2003",
            "Q5 2013",
            "13 Weeks",
            "(in thousands)",
            "Percent Change",
            "February 30, 1999",
            "",
        ]
    ),
    max_size=6,
).map("     ".join)
text_table = st.tuples(header, st.lists(row, max_size=12), st.booleans()).map(
    lambda t: (
        ("<TABLE>\n<CAPTION>\n" if t[2] else "")
        + t[0]
        + "\n<S>     <C>     <C>\n"
        + "\n".join(t[1])
        + ("\n</TABLE>" if t[2] else "")
    )
)
pipe_table = st.lists(st.one_of(amount, label, st.just("|"), st.just(")")), max_size=40).map(
    lambda cells: "source: x\n\n" + "\n".join(cells)
)
html_doc = st.lists(
    st.one_of(
        st.sampled_from(
            [
                "<table>",
                "</table>",
                "<tr>",
                "<td>",
                "</td>",
                "<p>",
                "<b>",
                "<li>",
                "<td colspan=9999>",
                "<script>",
                "&nbsp;",
                "&#x110000;",
                "&bogus;",
                "<",
                "<!--",
                "]]>",
            ]
        ),
        amount,
        label,
    ),
    max_size=60,
).map(lambda parts: "<html><body>" + "".join(parts))
truncated_seed = st.integers(min_value=0, max_value=len(SEED_TEXT)).map(lambda n: SEED_TEXT[:n])
seed_with_table = text_table.map(lambda t: SEED_TEXT[:TABLE_START] + t)
submission = st.tuples(
    st.sampled_from(["EX-99.1", "EX-99", "8-K", "EX-99.01", ""]), st.one_of(text_table, html_doc)
).map(lambda t: f"<SEC-DOCUMENT>\n<DOCUMENT>\n<TYPE>{t[0]}\n<SEQUENCE>1\n<TEXT>\n{t[1]}\n")

documents = st.one_of(
    st.binary(max_size=2000),
    truncated_seed.map(str.encode),
    seed_with_table.map(str.encode),
    pipe_table.map(str.encode),
    html_doc.map(str.encode),
    submission.map(str.encode),
    st.text(max_size=500).map(lambda s: s.encode("utf-8", "surrogatepass") if s else b""),
)


def _run(data: bytes, name: str) -> None:
    try:
        for doc in read_bytes(data, source=name):
            extract_document(doc)
    except PressgraphError as exc:
        assert str(exc) and "\n" not in str(exc)


@settings(max_examples=1200, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(documents, st.sampled_from(["release.txt", "release.htm", "exhibit.html", "submission.txt"]))
def test_nothing_escapes_but_pressgraph_errors(data: bytes, name: str) -> None:
    _run(data, name)
