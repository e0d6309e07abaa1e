"""The registries of what the debate commands write: network formats (``icpa network -f``),
map formats (``icpa map -f``) and argument formats (``icpa export -f aif|argdown``, beside the
RDF formats of :mod:`icpa.rdf.formats`). Each entry names its writer as ``"module:function"``,
imported on first use, so ``icpa --help`` imports neither networkx nor Graphviz; help text,
``-o`` suffixes and dispatch all come from here. Standard library only.
"""

from __future__ import annotations

from dataclasses import dataclass

from icpa.errors import UsageError


@dataclass(frozen=True)
class OutputFormat:
    name: str
    description: str
    suffixes: tuple[str, ...]
    binary: bool = False  #: PNG: bytes, and the only output that is not byte-identical by promise
    picture: bool = False  #: drawn by Graphviz (dot text, or rendered from it)


NETWORK_FORMATS: dict[str, OutputFormat] = {f.name: f for f in (
    OutputFormat("graphml", "GraphML for visone, Gephi, yEd and networkx, with node and edge attributes", (".graphml",)),
    OutputFormat("gexf", "GEXF for Gephi", (".gexf",)),
    OutputFormat("csv", "the edge list as CSV (source, target, weight, the claims and quotes behind each)", (".csv",)),
    OutputFormat("nodes-csv", "the node list as CSV (label, kind, articles, dates)", (".nodes.csv",)),
    OutputFormat("dot", "Graphviz DOT source (neato layout)", (".dot", ".gv"), picture=True),
    OutputFormat("svg", "an SVG picture, laid out by Graphviz", (".svg",), picture=True),
    OutputFormat("png", "a PNG picture, laid out by Graphviz", (".png",), binary=True, picture=True),
    OutputFormat("html", "one self-contained page: the picture with pan, zoom and the quotes behind each node", (".html", ".htm"),
                 picture=True),
)}
MAP_FORMATS: dict[str, OutputFormat] = {f.name: f for f in NETWORK_FORMATS.values() if f.picture}
ARGUMENT_FORMATS: dict[str, OutputFormat] = {f.name: f for f in (
    OutputFormat("aif", "AIF JSON as OVA3 saves it (claims as I-nodes, speakers as L-nodes, support RA, attack CA), "
                        "each I-node with its W3C quote selectors", (".aif", ".aif.json")),
    OutputFormat("argdown", "Argdown: statements with their source and quote, support +, attack -, undercut _>", (".argdown", ".ad")),
)}


def help_text(table: dict[str, OutputFormat]) -> str:
    return "; ".join(f"{f.name}: {f.description}" for f in table.values()) + "."


def pick(table: dict[str, OutputFormat], name: str | None, output, what: str) -> OutputFormat:
    """The format named, else the one the ``-o`` file's suffix says, else the table's first."""
    if name:
        if name not in table:
            raise UsageError(f"unknown {what} format {name!r}; choose one of {', '.join(table)}")
        return table[name]
    if output is not None:
        lower = str(output).lower()
        for f in sorted(table.values(), key=lambda f: -max(len(s) for s in f.suffixes)):
            if any(lower.endswith(s) for s in f.suffixes):
                return f
        raise UsageError(f"cannot tell the {what} format from {output}; give -f ({', '.join(table)})")
    return next(iter(table.values()))
