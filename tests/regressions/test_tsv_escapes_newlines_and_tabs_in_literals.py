"""TSV output wrote literals with raw newlines (rdflib's `n3()` uses triple quotes), so a row
spilled over several lines; SPARQL 1.1 TSV needs them escaped."""

from icpa.results.readers import read_tsv

from .conftest import run

QUERY = 'SELECT ?text ?n WHERE { VALUES (?text ?n) { ("two\\nlines\\tand a tab \\"quoted\\"" 1) } }'


def test_tsv_escapes_newlines_and_tabs_in_literals(tmp_path):
    result = run("sparql", QUERY, "-f", "tsv", cwd=tmp_path)
    assert result.code == 0, result.err
    lines = result.out.splitlines()
    assert len(lines) == 2 and lines[1].count("\t") == 1
    table = read_tsv(result.out)
    assert str(table.rows[0][0]) == 'two\nlines\tand a tab "quoted"'
