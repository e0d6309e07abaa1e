"""Writers of a network for the tools analysts use, each read back by a real reader in the tests:
GraphML (visone, Gephi, yEd, networkx), GEXF (Gephi) and CSV edge and node lists.

Nodes and edges go in sorted order and networkx's GEXF date stamp is dropped, so every file is
byte-identical run to run.
"""

from __future__ import annotations

import csv
import io
import re

EDGE_COLUMNS = ("source", "target", "source_label", "target_label", "weight", "kind", "for", "against", "congruence", "conflict", "agreed_on", "conflict_on",
                "from_actor", "to_actor", "claims", "positions", "links", "quotes")
NODE_COLUMNS = ("id", "label", "mode", "kind", "iri", "articles", "first_date", "last_date", "statements", "claims")


def write_graphml(graph) -> str:
    """GraphML by networkx's lxml writer (2.4 times faster than its ElementTree one on a network of
    250,000 ties: benchmarks/debate.py)."""
    import io

    import networkx as nx

    out = io.BytesIO()
    nx.write_graphml_lxml(graph, out, prettyprint=True)
    return out.getvalue().decode("utf-8")


def write_gexf(graph) -> str:
    import networkx as nx

    text = "\n".join(nx.generate_gexf(graph, prettyprint=True)) + "\n"
    return re.sub(r' lastmodifieddate="[0-9-]+"', "", text, count=1)  # today's date would change the file every day


def _csv(rows, columns) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(columns)
    writer.writerows(rows)
    return out.getvalue()


def write_edges_csv(graph) -> str:
    """One row per edge: the two node ids and their labels (readable in a spreadsheet), then the attributes."""
    ends = ("source", "target", "source_label", "target_label")
    used = [c for c in EDGE_COLUMNS if c in ends or any(c in d for *_, d in graph.edges(data=True))]
    labels = {n: d.get("label", n) for n, d in graph.nodes(data=True)}

    def cell(c, u, v, d):
        return {"source": u, "target": v, "source_label": labels[u], "target_label": labels[v]}.get(c, d.get(c, ""))

    rows = [[cell(c, u, v, d) for c in used] for u, v, d in graph.edges(data=True)]
    return _csv(rows, used)


def write_nodes_csv(graph) -> str:
    rows = [[n if c == "id" else d.get(c, "") for c in NODE_COLUMNS] for n, d in graph.nodes(data=True)]
    return _csv(rows, NODE_COLUMNS)
