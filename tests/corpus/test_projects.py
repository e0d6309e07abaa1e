"""An analyst's own project (``icpa init``): made in a new or empty folder, found from the
working directory, named by --project or ICPA_PROJECT; its own articles, data and queries,
with icpa's TBox, shapes and built-in queries; an article of its own compiles and is queried."""

from __future__ import annotations

import hashlib

import pytest

from ..conftest import ROOT, icpa, one_error_line

ARTICLE = """Council backs pooled budgets

The chair of Northshire County Council, Jane Doe, said pooled budgets with the local hospital were the \
only way to keep older people out of hospital. "We cannot wait for Whitehall," she told reporters.
"""


def _yaml(sha: str) -> str:
    return f"""article: {{id: a900, seed: 900_northshire.txt, sha256: {sha}, kind: NewsArticle, label: "News report: a council backs pooled budgets"}}
coding: {{role: curator, method: by-hand, date: 2026-12-07}}
entities:
  - {{id: jane-doe, types: [Person], label: Jane Doe, mentions: ["Jane Doe"]}}
claims:
  - id: c01
    holders: [jane-doe]
    verb: said
    text: Pooled budgets with the local hospital are the only way to keep older people out of hospital.
    positions:
      - {{target: ReducedHospitalUse, polarity: for}}
    quote: "pooled budgets with the local hospital were the only way to keep older people out of hospital"
"""


@pytest.fixture
def made(tmp_path):
    folder = tmp_path / "northshire"
    code, out, err = icpa("init", str(folder), "--name", "Northshire study")
    assert code == 0, err
    return folder


def test_init_makes_a_project_that_commands_run_inside_find(made, tmp_path):
    assert {p.name for p in made.iterdir()} == {"icpa-project.toml", "seeds", "data", "queries", "ontology"}
    assert [p.name for p in (made / "ontology").iterdir()] == ["catalog-v001.xml"]
    assert 'name = "Northshire study"' in (made / "icpa-project.toml").read_text(encoding="utf-8")
    (made / "seeds" / "deeper").mkdir()
    code, out, _ = icpa("info", cwd=made / "seeds" / "deeper")  # found from the working directory upwards
    assert code == 0 and out.startswith(f"corpus: the project 'Northshire study' at {made}")
    assert "articles           0" in out
    code, out, _ = icpa("--project", str(made), "info", cwd=tmp_path)
    assert out.startswith("corpus: the project 'Northshire study'")
    code, out, _ = icpa("info", cwd=tmp_path, env={"ICPA_PROJECT": str(made)})
    assert out.startswith("corpus: the project 'Northshire study'")
    code, out, _ = icpa("info", cwd=ROOT)
    assert out.startswith("corpus: the icpa checkout at")
    code, out, err = icpa("--verbose", "list", cwd=made)  # any command says which project it used
    assert code == 0 and err.startswith(f"icpa: working on the project 'Northshire study' at {made}")


def test_an_article_of_the_projects_own_compiles_and_answers_saved_queries(made):
    text = ARTICLE.encode("utf-8")
    (made / "seeds" / "900_northshire.txt").write_bytes(text)
    (made / "data" / "a900.yaml").write_text(_yaml(hashlib.sha256(text).hexdigest()), encoding="utf-8")
    code, out, err = icpa("build", cwd=made)
    assert code == 0, err
    assert (made / "ontology" / "icpa-data.ttl").is_file()
    code, out, err = icpa("query", "claims-by-actor", "-p", "actor=Jane Doe", "-f", "csv", cwd=made)
    assert code == 0, err
    rows = out.strip().splitlines()
    assert len(rows) == 2 and "a900-c01" in rows[1] and ",85,178," in rows[1]  # the quote located in the new text
    code, out, err = icpa("query", "positions-of-actor", "-p", "actor=jane doe", "-f", "csv", cwd=made)
    assert code == 0 and "topic-reduced-hospital-use" in out


def test_a_projects_query_shadows_the_built_in_one_and_list_says_so(made):
    own = (ROOT / "queries" / "stated-figures.rq").read_text(encoding="utf-8").replace(
        "#+ summary:", "#+ summary: (the project's version)", 1)
    (made / "queries" / "stated-figures.rq").write_text(own, encoding="utf-8")
    code, out, _ = icpa("list", cwd=made)
    assert "stated-figures [the project's own: shadows the built-in one]" in out
    assert "claims-by-actor\n" in out  # the built-in ones are there too
    code, out, _ = icpa("show", "stated-figures", cwd=made)
    assert "(the project's version)" in out


def test_the_example_project_starts_from_the_bundled_corpus(tmp_path):
    folder = tmp_path / "example"
    code, _, err = icpa("init", str(folder), "--example")
    assert code == 0, err
    code, out, err = icpa("build", "--check", cwd=folder)
    assert code == 0 and "up to date" in out, err
    here = icpa("query", "claims-by-actor", "-p", "actor=Chris Ham", "-f", "csv", cwd=folder)[1]
    there = icpa("query", "claims-by-actor", "-p", "actor=Chris Ham", "-f", "csv", cwd=ROOT)[1]
    assert here == there and here.count("\n") > 30


@pytest.mark.parametrize("case", ["not-empty", "a-file", "no-parent", "bad-name"])
def test_init_refuses_and_leaves_nothing_behind(tmp_path, case):
    target, args = tmp_path / "p", []
    if case == "not-empty":
        target.mkdir()
        (target / "notes.txt").write_text("mine", encoding="utf-8")
    elif case == "a-file":
        target.write_text("mine", encoding="utf-8")
    elif case == "no-parent":
        target = tmp_path / "missing" / "p"
    else:
        args = ["--name", 'say "hi"']
    before = sorted(p.name for p in tmp_path.rglob("*"))
    code, out, err = icpa("init", str(target), *args)
    assert code == 2 and out == ""
    one_error_line(err)
    assert sorted(p.name for p in tmp_path.rglob("*")) == before  # nothing added, nothing of the user's touched


def test_a_folder_that_is_not_a_project_is_refused_by_name(tmp_path):
    code, out, err = icpa("--project", str(tmp_path), "info")
    assert code == 2 and "not an icpa project" in one_error_line(err)


def test_a_project_has_a_catalog_that_resolves_the_data_import_offline(made):
    import xml.etree.ElementTree as ET
    from urllib.parse import urlparse

    root = ET.parse(made / "ontology" / "catalog-v001.xml").getroot()
    uris = {u.get("name"): u.get("uri") for u in root if u.tag.endswith("uri")}
    tbox = urlparse(uris["https://w3id.org/icpa/ontology"])
    assert tbox.scheme == "file" and __import__("pathlib").Path(tbox.path).is_file()  # icpa's TBox, where icpa has it
    assert uris["https://w3id.org/icpa/data"] == "icpa-data.ttl"
