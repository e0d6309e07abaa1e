"""The engines kept the corpus in `@cache`s that were never invalidated: after a build in the same
process (a web app, a notebook) queries went on answering from the old data."""

import os
import time

from icpa import api, project

QUERY = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"


def test_a_build_is_seen_by_the_next_query_in_the_same_process(checkout):
    corpus = project.Corpus(checkout, "checkout")
    for engine in ("oxigraph", "rdflib"):
        before = int(api.run_sparql(QUERY, engine=engine, corpus=corpus).rows[0][0])
        data = corpus.data_file
        data.write_text(data.read_text(encoding="utf-8") + f"\nicpad:extra-{engine} a owl:NamedIndividual .\n", encoding="utf-8")
        later = time.time() + 1
        os.utime(data, (later, later))
        after = int(api.run_sparql(QUERY, engine=engine, corpus=corpus).rows[0][0])
        assert after == before + 1, engine
