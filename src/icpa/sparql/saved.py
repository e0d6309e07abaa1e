"""Saved queries: grlc-style metadata, parameters, query form.

A saved query is a ``.rq`` file whose leading ``#+ `` comment lines form a YAML document
(summary, description, tags, reasoned, params, lists). Parameters are variables named
``?_name`` or ``?_name_type`` (``?_actor_iri``), as in grlc. A key icpa does not know is
refused with the nearest known one (a misspelt ``reasond: true`` would otherwise run the query
on the wrong graph); so is a SPARQL Update, since icpa only reads.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from icpa.errors import DataError, IcpaError, UsageError, shorten
from icpa.fsutil import read_text
from icpa.sparql import lexer

_PARAM = re.compile(r"[?$]_([A-Za-z][A-Za-z0-9]*)(?:_(iri|integer|decimal|boolean|en|string))?$")
#: the ``#+`` keys icpa reads (``endpoint`` and ``method`` are grlc's, kept as metadata)
HEADER_KEYS = ("summary", "description", "tags", "reasoned", "params", "lists", "endpoint", "method")
PARAM_KEYS = ("class", "subclass_of", "description", "example", "default")
LIST_SEPARATOR = "; "  # what GROUP_CONCAT joins the items of a `lists` column with


def _unknown(keys, known, where: str) -> None:
    for key in keys:
        if key not in known:
            close = difflib.get_close_matches(str(key), known, n=1, cutoff=0.6)
            hint = f"; did you mean {close[0]!r}?" if close else f"; icpa knows {', '.join(known)}"
            raise DataError(f"{where}: unknown key {key!r}{hint}")


@dataclass(frozen=True)
class Parameter:
    name: str
    type: str
    variable: str  # the variable name without '?', e.g. "_actor_iri"
    cls: str | None = None
    subclass_of: str | None = None
    description: str = ""
    example: str | None = None
    default: str | None = None

    @property
    def required(self) -> bool:
        return self.default is None


@dataclass(frozen=True)
class SavedQuery:
    name: str
    path: Path
    text: str
    summary: str
    description: str = ""
    tags: tuple[str, ...] = ()
    reasoned: bool = False
    params: tuple[Parameter, ...] = field(default_factory=tuple)
    form: str = "SELECT"
    lists: tuple[str, ...] = ()  #: columns holding a GROUP_CONCAT list (LIST_SEPARATOR), order not significant

    def param(self, name: str) -> Parameter | None:
        return next((p for p in self.params if p.name == name), None)

    def example_call(self) -> str:
        parts = [f"icpa query {self.name}"]
        for p in self.params:
            value = p.example or p.default or f"<{p.type}>"
            parts.append(f'--param {p.name}="{value}"' if " " in str(value) else f"--param {p.name}={value}")
        return " ".join(parts)


def parse_text(text: str, name: str, path: Path | None = None) -> SavedQuery:
    """Parse the text of a saved or ad-hoc query; a malformed header or an update is a :class:`DataError`."""
    if text.startswith("\ufeff"):
        text = text[1:]  # a byte-order mark from an editor on Windows
    where = str(path) if path is not None else f"{name}.rq" if name != "query" else "the query"
    header = []
    for line in text.splitlines():
        if line.startswith("#+"):
            header.append(line[3:] if line.startswith("#+ ") else line[2:])
        elif line.strip() and not line.lstrip().startswith("#"):
            break
    try:
        meta = yaml.safe_load("\n".join(header)) if header else {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        at = f" (header line {mark.line + 1})" if mark else ""
        raise DataError(f"{where}: malformed '#+' metadata{at}: {getattr(exc, 'problem', exc)}") from None
    meta = meta or {}
    if not isinstance(meta, dict):
        raise DataError(f"{where}: the '#+' metadata must be a YAML mapping")
    _unknown(meta, HEADER_KEYS, f"{where}: '#+' metadata")
    form = lexer.form(text)
    if form == "UPDATE":
        word = next(t.keyword for t in lexer.code(text) if t.keyword in lexer.UPDATE_KEYWORDS)
        raise UsageError(f"{where} is a SPARQL Update ({word} …): icpa only reads, and refuses updates "
                         "(to put data into a server, use `icpa publish`)")
    if form is None:
        raise DataError(f"{where}: not a SPARQL query: no SELECT, ASK, CONSTRUCT or DESCRIBE after the prologue")
    declared = meta.get("params") or {}
    if not isinstance(declared, dict):
        raise DataError(f"{where}: 'params' must be a mapping of parameter names")
    params: dict[str, Parameter] = {}
    for token in lexer.variables(text):
        m = _PARAM.match(token.text)
        if m is None:
            continue
        pname, ptype = m.group(1), m.group(2) or "string"
        if pname in params:
            if params[pname].type != ptype:
                raise DataError(f"{where}: parameter {pname} used with two types")
            continue
        spec = declared.get(pname) or {}
        if not isinstance(spec, dict):
            raise DataError(f"{where}: params.{pname} must be a mapping")
        _unknown(spec, PARAM_KEYS, f"{where}: params.{pname}")
        params[pname] = Parameter(
            name=pname,
            type=ptype,
            variable=token.text[1:],
            cls=spec.get("class"),
            subclass_of=spec.get("subclass_of"),
            description=str(spec.get("description", "")),
            example=None if spec.get("example") is None else str(spec["example"]),
            default=None if spec.get("default") is None else str(spec["default"]),
        )
    unknown = set(declared) - set(params)
    if unknown:
        raise DataError(f"{where}: params {', '.join(sorted(unknown))} described but not used as ?_name variables")
    lists = meta.get("lists") or []
    if not isinstance(lists, list) or not all(isinstance(v, str) for v in lists):
        raise DataError(f"{where}: 'lists' must be a list of column names")
    tags = meta.get("tags") or []
    if isinstance(tags, str):
        tags = [t.strip() for t in tags.split(",")]
    reasoned = meta.get("reasoned", False)
    if not isinstance(reasoned, bool):
        raise DataError(f"{where}: 'reasoned' must be true or false, got {reasoned!r}")
    return SavedQuery(
        name=name,
        path=path or Path(f"{name}.rq"),
        text=text,
        summary=str(meta.get("summary") or "").strip(),
        description=" ".join(str(meta.get("description") or "").split()),
        tags=tuple(str(t) for t in tags),
        reasoned=reasoned,
        params=tuple(params.values()),
        form=form,
        lists=tuple(v.lstrip("?") for v in lists),
    )


def load_file(path: Path) -> SavedQuery:
    path = Path(path)
    return parse_text(read_text(path), path.stem, path)


@dataclass(frozen=True)
class Catalogue:
    """The saved queries of a folder (or of several, a later one shadowing an earlier one), by
    name; the files that could not be read; and the queries a later folder shadows."""

    queries: dict[str, SavedQuery]
    problems: tuple[IcpaError, ...] = ()
    shadowed: dict[str, Path] = field(default_factory=dict)  #: name -> the file a later folder's query hides


def _folders(directory) -> list[Path]:
    return [Path(directory)] if isinstance(directory, (str, Path)) else [Path(d) for d in directory]


def scan(directory) -> Catalogue:
    """Every saved query in ``directory`` (a folder, or several: a project's own queries after
    the built-in ones, shadowing those of the same name); a broken file is reported, not fatal."""
    found: dict[str, SavedQuery] = {}
    problems: list[IcpaError] = []
    shadowed: dict[str, Path] = {}
    for folder in _folders(directory):
        for p in sorted(folder.glob("*.rq")):
            if p.stem in found:
                shadowed[p.stem] = found[p.stem].path
            try:
                found[p.stem] = load_file(p)
            except IcpaError as exc:
                problems.append(exc)
    return Catalogue(dict(sorted(found.items())), tuple(problems), shadowed)


def catalogue(directory: Path) -> dict[str, SavedQuery]:
    """Every saved query in ``directory``, by name; the first broken file is a :class:`DataError`."""
    scanned = scan(directory)
    if scanned.problems:
        raise scanned.problems[0]
    return scanned.queries


def get(name: str, directory) -> SavedQuery:
    """A saved query by name (in the last of several folders that has it); an unknown name is a
    usage error that suggests the closest."""
    folders = _folders(directory)
    path = next((f / f"{name}.rq" for f in reversed(folders) if (f / f"{name}.rq").is_file()), folders[-1] / f"{name}.rq")
    if "/" in name or not path.is_file():
        names = sorted({p.stem for f in folders for p in f.glob("*.rq")})
        close = difflib.get_close_matches(name, names, n=3, cutoff=0.4)
        hint = f"; did you mean {', '.join(close)}?" if close else "; `icpa list` shows them all"
        raise UsageError(f"unknown query {shorten(name)}{hint}")
    return load_file(path)
