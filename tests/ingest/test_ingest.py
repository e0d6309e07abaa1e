"""``icpa ingest`` and ``icpa review`` end to end in a fresh project, on an article the tests
write themselves (new people, an organisation the project knows, reported speech with a
pronoun, a figure), and every kind of bad input leaving the project as it was."""

from __future__ import annotations

import hashlib

import pytest
import yaml

from ..conftest import icpa, one_error_line

ARTICLE = """Hospital and council agree joint plan

Westmoor District Council and Westmoor Hospitals have agreed a £12m plan to join up care for older people.

The council's director of care, Priya Natarajan, said vertical integration with the hospital should put GPs in charge of referrals. She told the board that competition was the wrong answer.

Tom Okafor, a governor of the trust, warned that integrated care must not become a way to cut budgets.

The Department of Health said the plan was welcome.
"""


@pytest.fixture
def project(tmp_path):
    folder = tmp_path / "westmoor"
    code, _, err = icpa("init", str(folder), "--example")  # the bundled corpus: the Department of Health is known
    assert code == 0, err
    return folder


def _files(folder):
    return {p.relative_to(folder): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def _ingest(project, tmp_path, *args, text=ARTICLE, name="westmoor.txt", raw=None):
    source = tmp_path / name
    source.write_bytes(raw if raw is not None else text.encode("utf-8"))
    return icpa("ingest", str(source), *args, cwd=project)


def test_ingest_review_build_and_query_a_new_article(project, tmp_path):
    code, out, err = _ingest(project, tmp_path)
    assert code == 0, err
    assert out.startswith("a005: stored 005_")
    draft = yaml.safe_load((project / "data" / "a005.yaml").read_text(encoding="utf-8"))
    seed = project / "seeds" / draft["article"]["seed"]
    assert hashlib.sha256(seed.read_bytes()).hexdigest() == draft["article"]["sha256"]
    assert seed.read_text(encoding="utf-8") == ARTICLE  # stored as given
    entities = {e["id"]: e for e in draft["entities"]}
    assert {"priya-natarajan", "tom-okafor", "westmoor-district-council"} <= set(entities)
    assert entities["department-of-health"]["why"].startswith("name: matches the project's actor")  # the known one, reused
    assert entities["westmoor-district-council"]["types"] == ["Organisation"]
    assert all(e["status"] == "proposed" and e["why"] for section in ("entities", "claims", "mentions", "figures")
               for e in draft[section])
    claims = {c["verb"]: c for c in draft["claims"]}
    assert claims["said"]["holders"] == ["priya-natarajan"]
    assert claims["told"]["holders"] == ["priya-natarajan"] and "pronoun" in claims["told"]["why"]  # "She told"
    assert claims["warned"]["holders"] == ["tom-okafor"]
    assert {"target": "IntegrationType", "polarity": "against"} in claims["warned"]["positions"]
    assert draft["figures"][0]["value"] == "£12m"
    text = seed.read_text(encoding="utf-8")
    for c in draft["claims"]:  # every quote is the text's own words
        assert c["quote"] in text

    code, out, err = icpa("build", cwd=project)  # nothing enters the graph unreviewed
    assert code == 3 and "not yet reviewed" in one_error_line(err) and "icpa review a005" in err
    code, out, _ = icpa("review", "a005", cwd=project)
    assert code == 0 and "proposal(s) to review" in out and "priya-natarajan" in out
    code, out, err = icpa("review", "a005", "--accept-all", cwd=project)
    assert code == 0 and "accepted" in out, err
    code, out, err = icpa("build", cwd=project)
    assert code == 0, err
    code, out, err = icpa("query", "claims-by-actor", "-p", "actor=Priya Natarajan", "-f", "csv", cwd=project)
    assert code == 0 and out.count("a005-c") == 2, err
    code, out, _ = icpa("sparql", "SELECT ?w WHERE { ?c <https://w3id.org/icpa/ontology#proposedBy> ?w ; "
                        "<https://w3id.org/icpa/ontology#claimText> ?t }", "-f", "csv", cwd=project)
    assert "reporting verb" in out  # the rule that proposed each accepted claim stays in the graph


def test_a_rejected_proposal_stays_out_of_the_graph(project, tmp_path):
    assert _ingest(project, tmp_path)[0] == 0
    path = project / "data" / "a005.yaml"
    doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    for section in ("entities", "claims", "mentions", "figures"):
        for e in doc[section]:
            e["status"] = "accepted"
    for value in doc["article"].values():
        if isinstance(value, dict) and value.get("status") == "proposed":
            value["status"] = "accepted"
    warned = next(c for c in doc["claims"] if c["verb"] == "warned")
    warned["status"] = "rejected"
    path.write_text(yaml.safe_dump(doc, sort_keys=False, allow_unicode=True), encoding="utf-8")
    assert icpa("build", cwd=project)[0] == 0
    out = icpa("query", "claims-by-actor", "-p", "actor=Tom Okafor", "-f", "csv", cwd=project)[1]
    assert out.strip().count("\n") == 0  # header only: his one claim was rejected


@pytest.mark.parametrize(("case", "words"), [
    ("empty", "is empty"),
    ("binary", "looks binary"),
    ("not-utf8", "not utf-8 text: byte"),
    ("docx", "does not read DOCX"),
    ("scanned-pdf", "no text layer"),
    ("again", "already holds this text"),
    ("existing-id", "already has an article a000"),
    ("folder", "is a folder"),
    ("missing", "cannot read it"),
])
def test_bad_input_is_one_line_and_the_project_is_unchanged(project, tmp_path, case, words):
    before = _files(project)
    args, kwargs = [], {}
    if case == "empty":
        kwargs["text"] = "  \n"
    elif case == "binary":
        kwargs["raw"] = b"abc\x00def"
    elif case == "not-utf8":
        kwargs["raw"] = "Caf\u00e9 culture and integrated care".encode("cp1252")
    elif case == "docx":
        kwargs["name"] = "article.docx"
    elif case == "scanned-pdf":
        kwargs.update(name="scan.pdf", raw=_pdf(""))
    elif case == "again":
        kwargs["raw"] = (project / "seeds" / "000_cd5d5ad323cbdb9a.txt").read_bytes()
    elif case == "existing-id":
        args = ["--id", "a000"]
    if case == "folder":
        code, out, err = icpa("ingest", str(tmp_path), cwd=project)
    elif case == "missing":
        code, out, err = icpa("ingest", str(tmp_path / "nowhere.txt"), cwd=project)
    else:
        code, out, err = _ingest(project, tmp_path, *args, **kwargs)
    assert code in (2, 3) and out == ""
    assert words in one_error_line(err)
    assert _files(project) == before


PAGE = """<!DOCTYPE html><html><head><title>Trust and council join up care</title></head><body>
<nav><a href="/">Home</a> <a href="/news">News</a> <a href="/jobs">Jobs in the NHS</a></nav>
<header><p>Subscribe to our newsletter for the latest health policy news every morning.</p></header>
<article><h1>Trust and council join up care</h1>
<p>Westmoor Hospitals and Westmoor District Council have agreed a plan to join up care for older people in the county.</p>
<p>The council's director of care, Priya Natarajan, said vertical integration with the hospital should put GPs in charge of referrals.</p>
<p>Tom Okafor, a governor of the trust, warned that integrated care must not become a way to cut budgets.</p>
</article>
<footer><p>Copyright 2014 Westmoor Gazette. All rights reserved. Privacy policy and cookies.</p></footer>
</body></html>"""


def _pdf(words: str) -> bytes:
    """A one-page PDF whose text layer holds ``words`` (none: a page with no text, as a scan)."""
    stream = f"BT /F1 12 Tf 72 720 Td ({words}) Tj ET".encode("latin-1") if words else b""
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
               b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
               b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    out, offsets = b"%PDF-1.4\n", []
    for n, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % n + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return out


def test_an_html_page_gives_its_article_text_without_the_navigation(project, tmp_path):
    code, out, err = _ingest(project, tmp_path, name="page.html", raw=PAGE.encode("utf-8"))
    assert code == 0, err
    doc = yaml.safe_load((project / "data" / "a005.yaml").read_text(encoding="utf-8"))
    text = (project / "seeds" / doc["article"]["seed"]).read_text(encoding="utf-8")
    assert "Priya Natarajan, said vertical integration" in text and "Tom Okafor, a governor" in text
    assert "newsletter" not in text and "Jobs in the NHS" not in text and "Privacy policy" not in text
    assert doc["article"]["original"]["format"] == "html"
    assert doc["article"]["original"]["sha256"] == hashlib.sha256(PAGE.encode("utf-8")).hexdigest()
    assert any(c["holders"] == ["priya-natarajan"] for c in doc["claims"])
    assert all(c["quote"] in text for c in doc["claims"])  # anchored in the text that was stored


def test_a_pdf_gives_the_text_of_its_text_layer(project, tmp_path):
    words = "Tom Okafor warned that integrated care must not become a way to cut budgets."
    code, out, err = _ingest(project, tmp_path, name="report.pdf", raw=_pdf(words))
    assert code == 0, err
    doc = yaml.safe_load((project / "data" / "a005.yaml").read_text(encoding="utf-8"))
    assert (project / "seeds" / doc["article"]["seed"]).read_text(encoding="utf-8").strip() == words
    assert doc["article"]["original"]["format"] == "pdf"


def test_bibliographic_facts_the_text_states_are_proposed_with_their_quotes(project, tmp_path):
    text = ("Integration of services or empire building?\n\nDoctors told the BMJ that vertical integration worried them.\n\n"
            "Published 06 March 2014\n\ndoi: https://doi.org/10.1136/bmj.g1854\n")
    code, out, err = _ingest(project, tmp_path, text=text)
    assert code == 0, err
    article = yaml.safe_load((project / "data" / "a005.yaml").read_text(encoding="utf-8"))["article"]
    assert article["title"]["text"] == "Integration of services or empire building?"
    assert article["published"]["date"] == "2014-03-06" and article["published"]["quote"] == "Published 06 March 2014"
    assert article["doi"]["text"] == "10.1136/bmj.g1854" and article["doi"]["quote"] in text
    assert article["publisher"] == {"actor": "bmj", "quote": "told the BMJ", "status": "proposed",
                                    "why": "publisher: a source 'told' the outlet"}
    assert icpa("review", "a005", "--accept-all", cwd=project)[0] == 0
    assert icpa("build", cwd=project)[0] == 0
    code, out, _ = icpa("query", "article-metadata", "-f", "csv", cwd=project)
    assert "10.1136/bmj.g1854" in out and "2014-03-06" in out


def test_a_text_in_another_encoding_is_read_with_encoding(project, tmp_path):
    text = "Café culture: the Department of Health said integrated care should grow.\n"
    code, out, err = _ingest(project, tmp_path, raw=text.encode("cp1252"))
    assert code == 3
    code, out, err = _ingest(project, tmp_path, "--encoding", "cp1252", raw=text.encode("cp1252"))
    assert code == 0, err
    doc = yaml.safe_load((project / "data" / "a005.yaml").read_text(encoding="utf-8"))
    assert doc["article"]["original"]["encoding"] == "cp1252"
    assert doc["article"]["original"]["sha256"] == hashlib.sha256(text.encode("cp1252")).hexdigest()
    assert (project / "seeds" / doc["article"]["seed"]).read_text(encoding="utf-8") == text  # stored as UTF-8


def test_ingest_outside_a_project_is_refused(tmp_path):
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    code, out, err = icpa("ingest", str(tmp_path / "a.txt"), cwd=tmp_path)
    assert code == 2 and "project" in one_error_line(err)


def test_remove_takes_an_article_out_and_refuses_a_dangling_reference(project, tmp_path):
    assert _ingest(project, tmp_path)[0] == 0
    code, out, err = icpa("remove", "a005", cwd=project)  # not a terminal: confirmation is --yes
    assert code == 2 and "--yes" in one_error_line(err) and (project / "data" / "a005.yaml").exists()
    code, out, err = icpa("remove", "a003", "--yes", cwd=project)  # a004's data refers to a003's claims
    assert code == 2 and "refers to a003-" in one_error_line(err)
    assert (project / "data" / "a003.yaml").exists()
    seed = next((project / "seeds").glob("005_*.txt"))
    code, out, err = icpa("remove", "a005", "--yes", cwd=project)
    assert code == 0, err
    assert not (project / "data" / "a005.yaml").exists() and not seed.exists()
    assert icpa("build", "--check", cwd=project)[0] == 0  # the compiled data never held it


def test_an_interactive_review_settles_each_proposal_as_it_goes(project, tmp_path):
    from click.testing import CliRunner

    from icpa.cli import run

    assert _ingest(project, tmp_path)[0] == 0
    path = project / "data" / "a005.yaml"
    doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    first_claim = next(i for i, c in enumerate(doc["claims"]))
    n_entities = len(doc["entities"])
    n_article = sum(1 for v in doc["article"].values() if isinstance(v, dict) and v.get("status") == "proposed")
    assert doc["article"]["title"]["text"] == "Hospital and council agree joint plan"  # the first line, proposed as title
    # accept the title and every entity, reject the first claim, edit the second (its holder and polarity), then quit
    answers = ["a"] * (n_article + n_entities) + ["r", "e", "priya-natarajan", "", "against", "q"]
    import os

    old = os.getcwd()
    os.chdir(project)
    try:
        with CliRunner().isolation(input="\n".join(answers) + "\n") as (out, err, _):
            code = run(["review", "a005", "--interactive"])
    finally:
        os.chdir(old)
    text = out.getvalue().decode("utf-8")
    assert code == 0, err.getvalue()
    assert "in the text:" in text and "[a]ccept" in text
    doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert all(e["status"] == "accepted" for e in doc["entities"]) and doc["article"]["title"]["status"] == "accepted"
    assert doc["claims"][first_claim]["status"] == "rejected"
    edited = doc["claims"][first_claim + 1]
    assert edited["status"] == "accepted" and edited["holders"] == ["priya-natarajan"]
    assert edited["positions"][0]["polarity"] == "against"
    assert doc["claims"][first_claim + 2]["status"] == "proposed"  # after quit: still pending


def test_posts_as_stated_are_proposed_and_compile(project, tmp_path):
    text = ("Councils back joint care\n\nJane Roe, chief executive of the King's Fund, said integrated care needs time.\n\n"
            "Westmoor District Council leader Sam Hill said vertical integration would not save money.\n")
    assert _ingest(project, tmp_path, text=text)[0] == 0
    doc = yaml.safe_load((project / "data" / "a005.yaml").read_text(encoding="utf-8"))
    posts = {(p["person"], p["organisation"], p["role"]) for p in doc["posts"]}
    assert ("jane-roe", "kings-fund", "chief executive") in posts
    assert ("sam-hill", "westmoor-district-council", "leader") in posts
    assert all(p["quote"] in text for p in doc["posts"])
    assert icpa("review", "a005", "--accept-all", cwd=project)[0] == 0
    code, out, err = icpa("build", cwd=project)
    assert code == 0, err
    code, out, _ = icpa("query", "posts-of-actors", "-f", "csv", cwd=project)
    assert "Jane Roe" in out and "chief executive" in out


def test_figures_are_proposed_once_with_amount_date_and_speaker(project, tmp_path):
    text = ("Council backs plan\n\nThe council will invest £45m by 1 April 2015, its leader Jane Doe said.\n\n"
            "Jane Doe said the £45m would help integrated care; a further £1.5bn is needed nationally.\n")
    assert _ingest(project, tmp_path, text=text)[0] == 0
    figures = yaml.safe_load((project / "data" / "a005.yaml").read_text(encoding="utf-8"))["figures"]
    values = [(f["kind"], f["value"]) for f in figures]
    assert values == [("MonetaryFigure", "£45m"), ("DateFigure", "1 April 2015"), ("MonetaryFigure", "£1.5bn")]  # £45m once
    assert figures[0]["amount"] == 45_000_000 and figures[2]["amount"] == 1_500_000_000
    assert figures[0]["stated_by"] == "jane-doe"  # the person the sentence reports, not the article's voice
    assert icpa("review", "a005", "--accept-all", cwd=project)[0] == 0 and icpa("build", cwd=project)[0] == 0
