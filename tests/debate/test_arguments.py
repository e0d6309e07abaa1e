"""``icpa export -f aif|argdown``: AIF as OVA3 saves it (checked against a JSON Schema written from
arg-tech/OVA3's ova-save.js by a second reader, tests/data/aif/, and its cross-reference rules),
every I-node's selectors checked against the article, and Argdown read by the real parser."""

from __future__ import annotations

import json
import shutil
import subprocess
from collections import Counter

import jsonschema
import pytest

from icpa.debate import aif
from icpa.debate.model import Quote
from icpa.errors import DataError

from ..conftest import CORPUS, DATA, ROOT, icpa, one_error_line
from .conftest import D, tiny

SCHEMA = json.loads((DATA / "aif" / "ova3-aif.schema.json").read_text(encoding="utf-8"))
ARGDOWN = ROOT / "tests" / ".argdown" / "node_modules" / ".bin" / "argdown"


@pytest.fixture(scope="module")
def aif_doc():
    from icpa import api

    return json.loads(api.export_arguments("aif", corpus=CORPUS).text)


def test_the_sample_the_schema_was_written_with_passes_it():
    jsonschema.validate(json.loads((DATA / "aif" / "ova3-minimal.json").read_text(encoding="utf-8")), SCHEMA)


def test_aif_meets_the_ova3_schema_and_its_cross_references(aif_doc):
    jsonschema.validate(aif_doc, SCHEMA)
    a = aif_doc["AIF"]
    ids = [n["nodeID"] for n in a["nodes"]]
    assert len(ids) == len(set(ids))
    kind = {n["nodeID"]: n["type"] for n in a["nodes"]}
    assert [e["edgeID"] for e in a["edges"]] == list(range(1, len(a["edges"]) + 1))
    assert all(e["fromID"] in kind and e["toID"] in kind for e in a["edges"])
    assert [n["nodeID"] for n in aif_doc["OVA"]["nodes"]] == ids
    pairs = [(e["fromID"], e["toID"]) for e in a["edges"]]
    assert pairs == [(e["fromID"], e["toID"]) for e in aif_doc["OVA"]["edges"]] and len(pairs) == len(set(pairs))
    people = {p["participantID"]: p for p in a["participants"]}
    assert sorted(people) == list(range(1, len(people) + 1))
    assert len({(p["firstname"], p["surname"]) for p in people.values()}) == len(people)
    text = {n["nodeID"]: n["text"] for n in a["nodes"]}
    located = [loc["nodeID"] for loc in a["locutions"]]
    assert len(located) == len(set(located))
    for loc in a["locutions"]:
        assert kind[loc["nodeID"]] == "L"
        p = people[int(loc["personID"])]
        assert text[loc["nodeID"]].startswith(f"{p['firstname']} {p['surname']}".strip() + ": ")
    out = {}
    for f, t in pairs:
        out.setdefault(f, []).append(t)
    for nid, k in kind.items():  # L -> YA -> I
        if k == "L":
            assert [kind[t] for t in out[nid]] == ["YA"] and all(kind[t] == "I" for y in out[nid] for t in out[y])


def test_aif_round_trip_counts_match_the_debate(aif_doc, corpus_debate):
    d = corpus_debate
    types = Counter(n["type"] for n in aif_doc["AIF"]["nodes"])
    links = Counter(k.kind for k in d.links)
    assert types["I"] == len(d.claims)
    assert types["L"] == types["YA"] == sum(len(c.holders) for c in d.claims.values())
    assert types["RA"] == links["supports"]
    assert types["CA"] == links["rebuts"] + links["undercuts"]
    assert types["MA"] == links["elaborates"]
    unmapped = Counter(u["relation"] for u in aif_doc["icpa"]["unmapped"])
    assert unmapped == Counter({k: links[k] for k in ("agrees with", "qualifies") if links[k]})


def test_every_i_node_carries_selectors_that_hold_in_the_article(aif_doc):
    checked = 0
    for n in aif_doc["AIF"]["nodes"]:
        if n["type"] != "I":
            continue
        text = (CORPUS.seeds_dir / n["icpa"]["source"]).read_text(encoding="utf-8")
        quote, position = n["icpa"]["selectors"][:2]
        assert text[position["start"]:position["end"]] == quote["exact"]
        assert text[:position["start"]].endswith(quote["prefix"]) and text[position["end"]:].startswith(quote["suffix"])
        checked += 1
    assert checked == 123


def test_a_quote_that_is_not_where_its_offsets_say_stops_the_export(tmp_path):
    d = tiny()
    (tmp_path / "900.txt").write_text("abcdefghij" * 5, encoding="utf-8")
    (tmp_path / "901.txt").write_text("abcdefghij" * 9, encoding="utf-8")
    claim = d.claims[D + "c1"]
    d.claims[D + "c1"] = type(claim)(**{**claim.__dict__, "quotes": (Quote("900.txt", 0, 3, "abc"),)})
    for c in list(d.claims):
        if c != D + "c1":
            del d.claims[c]
    assert aif.check_anchors(d, [D + "c1"], tmp_path) == (1, [])
    d.claims[D + "c1"] = type(claim)(**{**claim.__dict__, "quotes": (Quote("900.txt", 1, 4, "abc"),)})
    with pytest.raises(DataError, match="not at 900.txt#1-4"):
        aif.check_anchors(d, [D + "c1"], tmp_path)


def test_an_undercut_points_at_the_inference_it_attacks(aif_doc, corpus_debate):
    nodes = {n["nodeID"]: n for n in aif_doc["AIF"]["nodes"]}
    out = {}
    for e in aif_doc["AIF"]["edges"]:
        out.setdefault(e["fromID"], []).append(e["toID"])
    undercuts = [n for n in nodes.values() if n["type"] == "CA" and n["icpa"]["relation"] == "undercuts"]
    assert undercuts
    for ca in undercuts:
        targets = [nodes[t]["type"] for t in out[ca["nodeID"]]]
        assert targets == ["I"] if ca["icpa"].get("unstatedInference") else set(targets) == {"RA"}


def test_argument_formats_come_from_the_suffix_and_refuse_rdf_options(tmp_path):
    code, _, err = icpa("export", "-o", str(tmp_path / "debate.argdown"))
    assert code == 0 and "123 claims" in err
    assert (tmp_path / "debate.argdown").read_text(encoding="utf-8").startswith("===\n")
    code, _, err = icpa("export", "-f", "aif", "--what", "ontology")
    assert code == 2 and "argument formats" in one_error_line(err)


@pytest.mark.node
def test_argdown_is_read_by_the_real_argdown_parser(tmp_path, corpus_debate):
    from icpa import api

    assert shutil.which("node") and ARGDOWN.exists(), "scripts/test.sh installs Node and @argdown/cli into tests/.argdown"
    source = tmp_path / "debate.argdown"
    source.write_text(api.export_arguments("argdown", corpus=CORPUS).text, encoding="utf-8")
    run = subprocess.run([str(ARGDOWN), "json", str(source), str(tmp_path)], capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    parsed = json.loads((tmp_path / "debate.json").read_text(encoding="utf-8"))
    d = corpus_debate
    assert set(parsed["statements"]) == {c.rsplit("/", 1)[-1] for c in d.claims}
    for title, statement in parsed["statements"].items():
        member = statement["members"][0]
        claim = d.claims[D + title]
        assert member["data"]["quote"] == claim.quotes[0].exact and member["data"]["start"] == claim.quotes[0].start
    links = Counter(k.kind for k in d.links)
    supports = [a for a in parsed["arguments"] if " supports " in a]
    assert len(supports) == links["supports"]
    relations = Counter(r["relationType"] for r in parsed["relations"])
    assert relations["attack"] == links["rebuts"]
    undercut_targets = sum(max(1, sum(1 for k in d.links if k.kind == "supports" and k.target == u.target))
                           for u in d.links if u.kind == "undercuts")
    assert relations["undercut"] == undercut_targets
