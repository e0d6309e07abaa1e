"""What a new user's review of `icpa ingest` found wrong in its proposals, each fixed:

- a name inside a quoted passage was taken for the speaker ("… we expect the NHS to adopt," the
  spokesperson said: held by the NHS);
- "The Department of Health said" matched the shorter known name "The Department";
- an accented name lost its letters in the id ("Hélène Dubois" became h-l-ne-dubois);
- a group was proposed without the kind of its members, so an accepted draft failed validation;
- a UTF-16 file given with --encoding utf-16 was refused as binary.
"""

import yaml

from .conftest import run

TEXT = """Council and trust agree plan

"There is no single model of integration that we expect the NHS to adopt," the spokesperson said.

The Department of Health said integrated care was welcome.

Councillor Hélène Dubois said some commissioners fear vertical integration.
"""


def _draft(tmp_path, raw: bytes, *args):
    project = tmp_path / "p"
    assert run("init", str(project), "--example").code == 0
    source = tmp_path / "article.txt"
    source.write_bytes(raw)
    result = run("ingest", str(source), *args, cwd=project)
    assert result.code == 0, result.err
    return yaml.safe_load(next((project / "data").glob("a005.yaml")).read_text(encoding="utf-8"))


def test_ingest_proposals_after_the_first_review(tmp_path):
    draft = _draft(tmp_path, TEXT.encode("utf-8"))
    entities = {e["id"]: e for e in draft["entities"]}
    quoted = next(c for c in draft["claims"] if c["quote"].startswith('"There is no single model'))
    assert quoted["holders"] != ["nhs"]  # not the organisation named inside the quotation marks
    dh = entities["department-of-health"]
    assert dh["mentions"][0]["quote"] == "Department of Health"  # the longest name, not "The Department"
    assert "helene-dubois" in entities and entities["helene-dubois"]["label"] == "Hélène Dubois"
    groups = [e for e in draft["entities"] if e["types"][0].endswith("Group")]
    assert groups and all(e.get("member_kind") for e in groups)


def test_a_utf16_article_given_its_encoding_is_read(tmp_path):
    draft = _draft(tmp_path, TEXT.encode("utf-16"), "--encoding", "utf-16")
    assert draft["article"]["original"]["encoding"] == "utf-16"
