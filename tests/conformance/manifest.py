"""A reader of W3C test manifests (``mf:``/``qt:`` vocabulary, Turtle) and of the expected results.

Everything is parsed with pyoxigraph's parsers, which keep lexical forms exactly (the suite
checks them: ``"1050"^^xsd:double`` is not ``1050.0``). Terms are read into a neutral form of
plain tuples, so that answers from rdflib and from pyoxigraph compare the same way:
``("I", iri)``, ``("B", label)``, ``("L", lexical form, datatype or None, language or None)``
(a plain literal and an ``xsd:string`` are the same term; language tags are lower-cased, as
RDF compares them case-insensitively).

Which tests are read (:func:`read_suite`): the entries of each manifest's ``mf:entries`` that
are query-evaluation tests (``mf:QueryEvaluationTest``, ``mf:CSVResultFormatTest``, or an
untyped entry with a ``qt:query`` action and an ``mf:result``, as the SPARQL 1.0 manifests
write them). Left out, by manifest or by type:

- entailment (``entailment/``): the tests ask for RDFS/OWL/D entailment regimes; icpa's engines
  evaluate SPARQL under simple entailment only (icpa materialises its own inferences instead);
- SERVICE (``service/``, and any test with ``qt:serviceData``): federated queries need the
  remote endpoints the tests name; icpa's remote path is tested against real servers elsewhere;
- update (``mf:UpdateEvaluationTest`` and the update manifests): icpa answers queries and never
  runs SPARQL Update on a user's data;
- syntax, protocol and service-description tests: the engine parses the query text and icpa
  passes it through; HTTP protocol tests need a server.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

MF = "http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#"
QT = "http://www.w3.org/2001/sw/DataAccess/tests/test-query#"
RS = "http://www.w3.org/2001/sw/DataAccess/tests/result-set#"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
EVALUATION_TYPES = {MF + "QueryEvaluationTest", MF + "CSVResultFormatTest"}
SKIPPED_MANIFESTS = {"entailment", "service"}  #: see the module's docstring

RDF_FORMATS = {".ttl": ox.RdfFormat.TURTLE, ".rdf": ox.RdfFormat.RDF_XML, ".nt": ox.RdfFormat.N_TRIPLES}
RESULT_FORMATS = {".srx": ox.QueryResultsFormat.XML, ".srj": ox.QueryResultsFormat.JSON, ".tsv": ox.QueryResultsFormat.TSV}


@dataclass(frozen=True)
class Test:
    id: str  #: ``manifest-folder/test-name``, readable and unique
    name: str
    query: Path
    result: Path
    data: tuple[Path, ...] = ()  #: the default graph
    graph_data: tuple[Path, ...] = ()  #: named graphs, each named by its file's URL (qt:graphData and the files FROM names)
    lax: bool = False  #: mf:LaxCardinality: duplicates do not count

    @property
    def manifest(self) -> str:
        return self.id.split("/")[0]

    def dataset_key(self) -> tuple:
        return (self.data, self.graph_data)


@dataclass
class Expected:
    """A test's expected answer: ``kind`` is ``bindings``, ``boolean``, ``graph`` or ``csv`` (text cells)."""

    kind: str
    vars: list[str] = field(default_factory=list)
    rows: list[dict] = field(default_factory=list)  #: var -> term (unbound variables absent); triples as s/p/o
    ordered: bool = False  #: the file gives an order (a results document; an RDF result set with rs:index)
    boolean: bool | None = None


def uri(path: Path) -> str:
    """The URL of a file, as the tests name it (data loaded from it has this base IRI)."""
    return Path(path).resolve().as_uri()


def ox_term(t) -> tuple | None:
    """A pyoxigraph term in the neutral form."""
    if t is None:
        return None
    if isinstance(t, ox.NamedNode):
        return ("I", t.value)
    if isinstance(t, ox.BlankNode):
        return ("B", t.value)
    if isinstance(t, ox.Literal):
        if t.language:
            return ("L", t.value, None, t.language.lower())
        dt = t.datatype.value
        return ("L", t.value, None if dt == XSD_STRING else dt, None)
    raise TypeError(f"not a term the suite uses: {t!r}")


class _Graph:
    """The triples of one RDF file, indexed by subject."""

    def __init__(self, path: Path) -> None:
        self.index: dict = {}
        for t in ox.parse(path=str(path), format=RDF_FORMATS[path.suffix], base_iri=uri(path)):
            self.index.setdefault(t.subject, {}).setdefault(t.predicate.value, []).append(t.object)

    def objects(self, s, p: str) -> list:
        return self.index.get(s, {}).get(p, [])

    def one(self, s, p: str):
        values = self.objects(s, p)
        return values[0] if values else None

    def items(self, head) -> list:
        """The members of an RDF list."""
        out = []
        while head is not None and not (isinstance(head, ox.NamedNode) and head.value == RDF + "nil"):
            out.append(self.one(head, RDF + "first"))
            head = self.one(head, RDF + "rest")
        return out

    def manifests(self) -> list:
        return self.subjects(RDF + "type", ox.NamedNode(MF + "Manifest"))

    def subjects(self, p: str, o) -> list:
        return [s for s, props in self.index.items() if o in props.get(p, [])]


def _path(node) -> Path:
    if not isinstance(node, ox.NamedNode) or not node.value.startswith("file://"):
        raise ValueError(f"not a local file: {node}")
    from urllib.parse import unquote, urlparse

    return Path(unquote(urlparse(node.value).path))


def read_suite(root: Path) -> list[Test]:
    """The query-evaluation tests of every manifest under ``root`` (``manifest-all.ttl`` if present)."""
    root = Path(root).resolve()
    top = next((p for p in (root / "manifest-all.ttl", root / "manifest-evaluation.ttl") if p.is_file()), None)
    if top is not None:
        g = _Graph(top)
        manifests = [_path(m) for me in g.manifests() for lst in g.objects(me, MF + "include") for m in g.items(lst)]
    else:
        manifests = sorted(root.glob("*/manifest.ttl"))
    tests: list[Test] = []
    for manifest in manifests:
        if manifest.parent.name not in SKIPPED_MANIFESTS and manifest.is_file():
            tests.extend(read_manifest(manifest, root))
    return tests


def read_manifest(path: Path, root: Path) -> list[Test]:
    g = _Graph(path)
    folder = path.parent.relative_to(root).as_posix()
    tests = []
    for lst in (lst for me in g.manifests() for lst in g.objects(me, MF + "entries")):
        for entry in g.items(lst):
            test = _entry(g, entry, folder)
            if test is not None:
                tests.append(test)
    return tests


def _entry(g: _Graph, entry, folder: str) -> Test | None:
    types = {t.value for t in g.objects(entry, RDF + "type")}
    action, result = g.one(entry, MF + "action"), g.one(entry, MF + "result")
    if types and not types & EVALUATION_TYPES:
        return None  # syntax, update, protocol, service-description tests
    if action is None or result is None or g.one(action, QT + "query") is None:
        return None
    if g.objects(action, QT + "serviceData"):
        return None  # SERVICE
    name = entry.value.rsplit("#", 1)[-1] if isinstance(entry, ox.NamedNode) else str(g.one(entry, MF + "name").value)
    query = _path(g.one(action, QT + "query"))
    named = {_path(d) for d in g.objects(action, QT + "graphData")} | _from_files(query)
    return Test(
        id=f"{folder}/{name}",
        name=g.one(entry, MF + "name").value if g.one(entry, MF + "name") is not None else name,
        query=query,
        result=_path(result),
        data=tuple(sorted(_path(d) for d in g.objects(action, QT + "data"))),
        graph_data=tuple(sorted(named)),
        lax=any(v.value == MF + "LaxCardinality" for v in g.objects(entry, MF + "resultCardinality")),
    )


def _from_files(query: Path) -> set[Path]:
    """The suite's files a query names in FROM or FROM NAMED: the dataset holds them as named
    graphs (named by their URLs), as the tests without ``qt:data`` expect, so an engine that
    reads no files (Oxigraph) finds them."""
    from urllib.parse import urljoin

    found = set()
    for iri in re.findall(r"\bFROM\s+(?:NAMED\s+)?<([^>]*)>", query.read_text(encoding="utf-8"), re.I):
        target = urljoin(uri(query), iri)
        if target.startswith("file:") and _path(ox.NamedNode(target)).is_file():
            found.add(_path(ox.NamedNode(target)))
    return found


def read_expected(path: Path) -> Expected:
    """The expected answer in ``path`` (.srx, .srj, .tsv, .csv, or an RDF file: a result set or a graph)."""
    suffix = path.suffix
    if suffix in RESULT_FORMATS:
        results = ox.parse_query_results(path=str(path), format=RESULT_FORMATS[suffix])
        if isinstance(results, ox.QueryBoolean):
            return Expected("boolean", boolean=bool(results))
        names = [v.value for v in results.variables]
        rows = [{n: ox_term(t) for n, t in zip(names, sol) if t is not None} for sol in results]
        return Expected("bindings", names, rows, ordered=True)
    if suffix == ".csv":
        with open(path, newline="", encoding="utf-8") as f:
            table = list(csv.reader(io.StringIO(f.read())))
        names = table[0]
        return Expected("csv", names, [{n: c for n, c in zip(names, row) if c != ""} for row in table[1:]], ordered=True)
    return _rdf_expected(path)


def _rdf_expected(path: Path) -> Expected:
    g = _Graph(path)
    sets = g.subjects(RDF + "type", ox.NamedNode(RS + "ResultSet"))
    if not sets:  # a CONSTRUCT answer: the graph itself
        rows = [{"s": ox_term(s), "p": ("I", p), "o": ox_term(o)}
                for s, props in g.index.items() for p, objects in props.items() for o in objects]
        return Expected("graph", ["s", "p", "o"], rows)
    rs = sets[0]
    boolean = g.one(rs, RS + "boolean")
    if boolean is not None:
        return Expected("boolean", boolean=boolean.value == "true")
    names = [v.value for v in g.objects(rs, RS + "resultVariable")]
    solutions = []
    for sol in g.objects(rs, RS + "solution"):
        row = {g.one(b, RS + "variable").value: ox_term(g.one(b, RS + "value")) for b in g.objects(sol, RS + "binding")}
        index = g.one(sol, RS + "index")
        solutions.append((int(index.value) if index is not None else None, row))
    ordered = bool(solutions) and all(i is not None for i, _ in solutions)
    if ordered:
        solutions.sort(key=lambda s: s[0])
    return Expected("bindings", names, [row for _, row in solutions], ordered=ordered)
