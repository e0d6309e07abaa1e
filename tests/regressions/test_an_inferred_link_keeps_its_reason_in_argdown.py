"""The Argdown export wrote the curator's inferred rebuttal across articles (a002-c18 rebuts
a000-c01) as a plain `-> [a000-c01]`, without the reason, so it read as a rebuttal the text
states (found by a second reader). Every inferred link now carries the curator's reason in a
comment, as the AIF export carries it on its node."""

import re

from .conftest import run


def test_an_inferred_link_keeps_its_reason_in_argdown(tmp_path):
    result = run("export", "-f", "argdown", "-o", str(tmp_path / "d.argdown"))
    assert result.code == 0, result.err
    text = (tmp_path / "d.argdown").read_text(encoding="utf-8")
    assert re.search(r"^// rebuts, inferred by the curator across articles: Inferred from opposite positions on who leads.*\n"
                     r"\[a002-c18\]\n  -> \[a000-c01\]$", text, re.M)
    assert text.count("inferred by the curator") + text.count("(curator: ") >= 11  # every inferred link, with its reason
