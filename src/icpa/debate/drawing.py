"""Pictures of the debate, laid out by Graphviz: a network (neato) and an argument map (dot), as
DOT text, SVG, PNG, or one self-contained HTML page with pan, zoom and the quotes a click shows.

The styles are one table (:data:`STYLES`): the legend and the drawing both read it, so they
cannot disagree. Every node carries an ``id`` (its CURIE) and a tooltip with the quotes behind it.
"""

from __future__ import annotations

import html
import json
import math
import textwrap

from icpa.errors import DataError

#: how each kind of edge is drawn: (colour, style, arrowhead, what the legend says)
STYLES = {
    "for": ("#2e7d32", "solid", "normal", "position for its target"),
    "against": ("#c62828", "solid", "tee", "position against its target"),
    "conditional": ("#ef6c00", "dashed", "normal", "position for, on a condition"),
    "neutral": ("#bdbdbd", "dotted", "none", "reports its target, taking no side"),
    "holds": ("#90a4ae", "solid", "none", "holds the claim"),
    "supports": ("#1565c0", "solid", "normal", "supports (premise to conclusion)"),
    "agrees with": ("#1565c0", "dashed", "none", "agrees with"),
    "rebuts": ("#b71c1c", "bold", "box", "rebuts (denies its conclusion)"),
    "undercuts": ("#b71c1c", "dashed", "tee", "undercuts (denies its grounds support it)"),
    "qualifies": ("#6a1b9a", "dotted", "odiamond", "qualifies"),
    "elaborates": ("#8d6e63", "dashed", "onormal", "elaborates"),
    "congruence": ("#2e7d32", "solid", "none", "agree (same side on shared concepts)"),
    "conflict": ("#c62828", "solid", "none", "conflict (opposite sides)"),
    "both": ("#ef6c00", "solid", "none", "both agree and conflict"),
    "mixed": ("#ef6c00", "solid", "none", "both for and against"),
}
NODE_STYLES = {
    "actor": {"shape": "ellipse", "style": "filled", "fillcolor": "#e3f2fd", "color": "#1565c0"},
    "concept": {"shape": "box", "style": "rounded,filled", "fillcolor": "#fff8e1", "color": "#8d6e63"},
    "claim": {"shape": "box", "style": "filled", "fillcolor": "#ffffff", "color": "#455a64"},
}
FONT = "DejaVu Sans"


def short(text: str, width: int = 28, lines: int = 3) -> str:
    """A label of at most ``lines`` lines of ``width``, cut at a word with an ellipsis."""
    wrapped = textwrap.wrap(" ".join(text.split()), width) or [""]
    if len(wrapped) > lines:
        wrapped = wrapped[:lines]
        wrapped[-1] = wrapped[-1][: width - 1].rstrip() + "…"
    return "\n".join(wrapped)


def legend(kinds: list[str], nodes: list[str], title: str = "", notes: tuple[str, ...] = ()) -> str:
    """An HTML-like Graphviz label for the top of the picture: the title, then a key to the node
    shapes and edge styles used (as the graph's label, so no edge crosses it)."""
    rows = [f'<tr><td colspan="2"><font point-size="13"><b>{html.escape(title)}</b></font></td></tr>'] if title else []
    for kind in nodes:
        style = NODE_STYLES[kind]
        rows.append(f'<tr><td bgcolor="{style["fillcolor"]}" border="1">{kind}</td><td align="left">{_node_words(kind)}</td></tr>')
    for kind in kinds:
        colour, style, _, words = STYLES[kind]
        line = {"dashed": "- - -", "dotted": "· · · ·", "bold": "━━━"}.get(style, "───")
        rows.append(f'<tr><td><font color="{colour}">{line}</font></td><td align="left">{html.escape(words)}</td></tr>')
    for note in notes:
        rows.append(f'<tr><td colspan="2" align="left">{html.escape(note)}</td></tr>')
    return "<<table border=\"0\" cellborder=\"0\" cellspacing=\"2\">" + "".join(rows) + "</table>>"


def _node_words(kind: str) -> str:
    return {"actor": "an actor (ellipse)", "concept": "a concept or entity a position is on (rounded box)",
            "claim": "a claim (box; hover or click: its quote)"}[kind]


def _graph(engine: str, directed: bool, title: str):
    import graphviz

    cls = graphviz.Digraph if directed else graphviz.Graph
    g = cls(name=title)  # the name is the SVG's <title>, its tooltip
    g.attr(layout=engine, fontname=FONT, fontsize="11", labelloc="t", labeljust="l", outputorder="edgesfirst", bgcolor="white")
    g.attr("node", fontname=FONT, fontsize="10")
    g.attr("edge", fontname=FONT, fontsize="9")
    return g


def network_dot(network, debate, title: str) -> str:
    """The network as DOT (neato layout): actors as ellipses, concepts as boxes, ties coloured by
    agreement, their width by weight, the claims and quotes behind each in its tooltip."""
    graph = network.graph
    g = _graph("neato", False, title)
    g.attr(overlap="false", splines="true", sep="+8", mode="major")
    weights = [abs(float(d.get("weight", 1))) for *_, d in graph.edges(data=True)] or [1.0]
    top = max(weights) or 1.0
    used = set()
    for n, d in graph.nodes(data=True):
        g.node(dot_name(n), label=short(d["label"], 24, 3), id=n, tooltip=_node_tip(d), **NODE_STYLES[d["mode"]])
    for u, v, d in _edges(graph):
        kind = _tie(d)
        used.add(kind)
        colour, style, arrow, _ = STYLES[kind]
        width = 0.8 + 3.2 * math.sqrt(abs(float(d.get("weight", 1))) / top)
        g.edge(dot_name(u), dot_name(v), color=colour, style=style, penwidth=f"{width:.2f}", tooltip=_edge_tip(d, debate), arrowhead=arrow,
               dir="forward" if d.get("from_actor") else "none")
    modes = sorted({d["mode"] for _, d in graph.nodes(data=True)})
    g.attr(label=legend([k for k in STYLES if k in used], modes, title, ("thicker: a heavier tie (more statements)",)))
    return g.source


def dot_name(node_id: str) -> str:
    """A DOT node name for a CURIE (a colon in an edge statement would name a port)."""
    return node_id.replace(":", "__")


def _edges(graph):
    if graph.is_multigraph():
        return [(u, v, d) for u, v, _, d in graph.edges(keys=True, data=True)]
    return list(graph.edges(data=True))


def _tie(d: dict) -> str:
    if d.get("kind") not in ("position", "positions"):
        return d["kind"]
    if d.get("kind") == "position":
        pro, con = d.get("for", 0), d.get("against", 0)
        return "mixed" if pro and con else "for" if pro else "against"
    cong, conf = d.get("congruence", 0), d.get("conflict", 0)
    return "both" if cong and conf else "conflict" if conf else "congruence"


def _node_tip(d: dict) -> str:
    parts = [d["label"], d.get("kind", ""), f"{d.get('statements', 0)} statement(s)", f"articles: {d.get('articles', '')}"]
    return "\n".join(p for p in parts if p)


def _edge_tip(d: dict, debate) -> str:
    lines = []
    for key in ("weight", "for", "against", "congruence", "conflict"):
        if key in d:
            lines.append(f"{key}: {d[key]}")
    for key in ("agreed_on", "conflict_on"):
        if d.get(key):
            lines.append(f"{key.replace('_', ' ')}: {d[key]}")
    claims = d.get("claims", "").split()
    for c in claims[:6]:
        claim = debate.claims.get(c)
        if claim is not None:
            lines.append(f"“{short(claim.quotes[0].exact if claim.quotes else claim.text, 200, 1)}” ({claim.quotes[0].anchor if claim.quotes else ''})")
    if len(claims) > 6:
        lines.append(f"… and {len(claims) - 6} more claim(s)")
    return "\n".join(lines)


def render(dot: str, fmt: str) -> bytes:
    """DOT laid out and drawn by Graphviz's ``dot`` program, as SVG or PNG bytes."""
    import graphviz

    try:
        return graphviz.pipe("dot", fmt, dot.encode("utf-8"))  # the DOT names its own layout (layout=neato or dot)
    except graphviz.ExecutableNotFound:
        raise DataError("drawing needs Graphviz's programs: apt-get install graphviz (or use -f dot)") from None
    except graphviz.CalledProcessError as exc:
        raise DataError(f"Graphviz failed: {' '.join(str(exc.stderr or exc).split())[:300]}") from None


PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<style>
body {{ font-family: "DejaVu Sans", Arial, sans-serif; margin: 0; color: #212121; }}
header {{ padding: .5rem 1rem; border-bottom: 1px solid #ccc; }}
header h1 {{ font-size: 1.2rem; margin: 0 0 .2rem 0; }}
header p {{ margin: 0; font-size: .85rem; color: #555; }}
main {{ display: flex; height: 75vh; }}
#view {{ flex: 3; overflow: hidden; cursor: grab; position: relative; border-right: 1px solid #ccc; }}
#view:focus {{ outline: 3px solid #1565c0; }}
#view svg {{ transform-origin: 0 0; }}
#detail {{ flex: 1; padding: 1rem; overflow: auto; font-size: .9rem; }}
#detail blockquote {{ margin: .5rem 0; padding: .5rem; border-left: 4px solid #1565c0; background: #f5f5f5; }}
g.node:focus {{ outline: none; }}
g.node:focus > polygon, g.node:focus > ellipse, g.node:focus > path {{ stroke: #1565c0; stroke-width: 3px; }}
g.node.selected > polygon, g.node.selected > ellipse, g.node.selected > path {{ stroke: #1565c0; stroke-width: 3px; }}
#text-alternative {{ padding: 0 1rem 1rem 1rem; font-size: .85rem; }}
button {{ font-size: .85rem; }}
</style>
</head>
<body>
<header>
<h1>{title}</h1>
<p>Drag or use the arrow keys to move, the mouse wheel or + and − to zoom, 0 to fit. Click a node, or Tab to it and press Enter,
to read its quote and article. <button type="button" id="fit">Fit</button> <button type="button" id="zoom-in">Zoom in</button>
<button type="button" id="zoom-out">Zoom out</button></p>
</header>
<main>
<div id="view" tabindex="0" role="img" aria-label="{alt}">
{svg}
</div>
<aside id="detail" aria-live="polite"><h2>Details</h2><p>Select a node to see the claims and quotes behind it.</p></aside>
</main>
<section id="text-alternative">
<details open><summary>What the picture shows, as text</summary>
{listing}
</details>
</section>
<script type="application/json" id="icpa-data">{data}</script>
<script>
(function () {{
  var data = JSON.parse(document.getElementById("icpa-data").textContent);
  var view = document.getElementById("view"), svg = view.querySelector("svg"), detail = document.getElementById("detail");
  var scale = 1, x = 0, y = 0;
  function apply() {{ svg.style.transform = "translate(" + x + "px," + y + "px) scale(" + scale + ")"; }}
  function fit() {{
    var w = svg.viewBox.baseVal.width || svg.getBBox().width, h = svg.viewBox.baseVal.height || svg.getBBox().height;
    scale = Math.min(view.clientWidth / w, view.clientHeight / h, 1.5); x = 0; y = 0;
    svg.setAttribute("width", w); svg.setAttribute("height", h); apply();
  }}
  function zoom(f) {{ scale = Math.max(0.05, Math.min(8, scale * f)); apply(); }}
  var dragging = false, sx = 0, sy = 0;
  view.addEventListener("mousedown", function (e) {{ dragging = true; sx = e.clientX - x; sy = e.clientY - y; }});
  window.addEventListener("mouseup", function () {{ dragging = false; }});
  window.addEventListener("mousemove", function (e) {{ if (dragging) {{ x = e.clientX - sx; y = e.clientY - sy; apply(); }} }});
  view.addEventListener("wheel", function (e) {{ e.preventDefault(); zoom(e.deltaY < 0 ? 1.1 : 1 / 1.1); }}, {{ passive: false }});
  view.addEventListener("keydown", function (e) {{
    var step = 40, keys = {{ ArrowLeft: [step, 0], ArrowRight: [-step, 0], ArrowUp: [0, step], ArrowDown: [0, -step] }};
    if (keys[e.key]) {{ x += keys[e.key][0]; y += keys[e.key][1]; apply(); e.preventDefault(); }}
    else if (e.key === "+" || e.key === "=") {{ zoom(1.2); }} else if (e.key === "-") {{ zoom(1 / 1.2); }} else if (e.key === "0") {{ fit(); }}
  }});
  document.getElementById("fit").addEventListener("click", fit);
  document.getElementById("zoom-in").addEventListener("click", function () {{ zoom(1.2); }});
  document.getElementById("zoom-out").addEventListener("click", function () {{ zoom(1 / 1.2); }});
  function esc(s) {{ var d = document.createElement("div"); d.textContent = s; return d.innerHTML; }}
  function show(id, node) {{
    var item = data[id]; if (!item) return;
    Array.prototype.forEach.call(view.querySelectorAll("g.node.selected"), function (g) {{ g.classList.remove("selected"); }});
    if (node) node.classList.add("selected");
    var out = "<h2>" + esc(item.label) + "</h2>";
    if (item.kind) out += "<p>" + esc(item.kind) + "</p>";
    (item.quotes || []).forEach(function (q) {{
      out += "<blockquote class=\\"quote\\">" + esc(q.exact) + "</blockquote><p class=\\"source\\">" + esc(q.article) +
             " (" + esc(q.anchor) + ")</p>";
    }});
    (item.facts || []).forEach(function (f) {{ out += "<p>" + esc(f) + "</p>"; }});
    detail.innerHTML = out;
  }}
  Array.prototype.forEach.call(view.querySelectorAll("g.node"), function (g) {{
    if (!data[g.id]) return;
    g.setAttribute("tabindex", "0"); g.setAttribute("role", "button"); g.setAttribute("aria-label", data[g.id].label);
    g.style.cursor = "pointer";
    g.addEventListener("click", function (e) {{ e.stopPropagation(); show(g.id, g); }});
    g.addEventListener("keydown", function (e) {{ if (e.key === "Enter" || e.key === " ") {{ e.preventDefault(); show(g.id, g); }} }});
  }});
  window.icpaShow = show;
  fit();
}})();
</script>
</body>
</html>
"""


def page(title: str, svg: bytes, items: dict[str, dict], listing: list[str], alt: str) -> str:
    """One self-contained HTML page (no network at view time): the SVG, a details panel, the data
    behind each node, and a text listing of what the picture shows."""
    text = svg.decode("utf-8")
    start = text.find("<svg")
    body = text[start:] if start >= 0 else text
    items_json = json.dumps(items, ensure_ascii=False, sort_keys=True).replace("</", "<\\/")
    listing_html = "<ul>\n" + "\n".join(f"<li>{line}</li>" for line in listing) + "\n</ul>"
    return PAGE.format(title=html.escape(title), svg=body, data=items_json, listing=listing_html, alt=html.escape(alt, quote=True))
