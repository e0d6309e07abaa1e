"""Find and parse saved queries: grlc-style metadata, parameters, query form.

A saved query is a ``.rq`` file whose leading ``#+ `` comment lines form a YAML document
(summary, description, tags, reasoned, params). Parameters are variables named ``?_name`` or
``?_name_type`` (``?_actor_iri``), as in grlc.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from icpa import resources
from icpa.status import DataError, UsageError

PARAM_TYPES = ("iri", "string", "integer", "decimal", "boolean", "en")
_PARAM = re.compile(r"[?$]_([A-Za-z][A-Za-z0-9]*)(?:_(iri|integer|decimal|boolean|en|string))?\b")
_FORM = re.compile(r"\b(SELECT|ASK|CONSTRUCT|DESCRIBE)\b", re.I)
_KNOWN_KEYS = {"summary", "description", "tags", "reasoned", "params", "endpoint", "method", "lists"}
LIST_SEPARATOR = "; "  # what GROUP_CONCAT joins the items of a `lists` column with


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


def _strip_comments_and_strings(text: str) -> str:
    """The query text with comments, strings and IRIs blanked (for finding variables)."""
    out = []
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if c == "#":
            j = text.find("\n", i)
            j = n if j < 0 else j
            out.append(" " * (j - i))
            i = j
        elif c in "\"'":
            quote = text[i : i + 3] if text[i : i + 3] in ('"""', "'''") else c
            j = text.find(quote, i + len(quote))
            while j > 0 and text[j - 1] == "\\" and len(quote) == 1:
                j = text.find(quote, j + 1)
            j = n if j < 0 else j + len(quote)
            out.append(" " * (j - i))
            i = j
        elif c == "<" and re.match(r"<[^\s<>\"{}|^`\\]*>", text[i:]):
            m = re.match(r"<[^\s<>\"{}|^`\\]*>", text[i:])
            out.append(" " * m.end())
            i += m.end()
        else:
            out.append(c)
            i += 1
    return "".join(out)


def parse_text(text: str, name: str, path: Path | None = None) -> SavedQuery:
    """Parse the text of a saved query; a malformed header is a :class:`DataError`."""
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
        where = f" (header line {mark.line + 1})" if mark else ""
        raise DataError(f"{name}.rq: malformed '#+' metadata{where}: {getattr(exc, 'problem', exc)}") from None
    meta = meta or {}
    if not isinstance(meta, dict):
        raise DataError(f"{name}.rq: the '#+' metadata must be a YAML mapping")
    body = _strip_comments_and_strings(text)
    form = _FORM.search(body)
    if not form:
        raise DataError(f"{name}.rq: no SELECT, ASK, CONSTRUCT or DESCRIBE in the query")
    declared = meta.get("params") or {}
    if not isinstance(declared, dict):
        raise DataError(f"{name}.rq: 'params' must be a mapping of parameter names")
    params: dict[str, Parameter] = {}
    for m in _PARAM.finditer(body):
        pname, ptype = m.group(1), m.group(2) or "string"
        if pname in params:
            if params[pname].type != ptype:
                raise DataError(f"{name}.rq: parameter {pname} used with two types")
            continue
        spec = declared.get(pname) or {}
        if not isinstance(spec, dict):
            raise DataError(f"{name}.rq: params.{pname} must be a mapping")
        params[pname] = Parameter(
            name=pname,
            type=ptype,
            variable=m.group(0)[1:],
            cls=spec.get("class"),
            subclass_of=spec.get("subclass_of"),
            description=str(spec.get("description", "")),
            example=None if spec.get("example") is None else str(spec["example"]),
            default=None if spec.get("default") is None else str(spec["default"]),
        )
    unknown = set(declared) - set(params)
    if unknown:
        raise DataError(f"{name}.rq: params {', '.join(sorted(unknown))} described but not used as ?_name variables")
    lists = meta.get("lists") or []
    if not isinstance(lists, list) or not all(isinstance(v, str) for v in lists):
        raise DataError(f"{name}.rq: 'lists' must be a list of column names")
    tags = meta.get("tags") or []
    if isinstance(tags, str):
        tags = [t.strip() for t in tags.split(",")]
    return SavedQuery(
        name=name,
        path=path or Path(f"{name}.rq"),
        text=text,
        summary=str(meta.get("summary") or "").strip(),
        description=" ".join(str(meta.get("description") or "").split()),
        tags=tuple(str(t) for t in tags),
        reasoned=bool(meta.get("reasoned", False)),
        params=tuple(params.values()),
        form=form.group(1).upper(),
        lists=tuple(v.lstrip("?") for v in lists),
    )


def load_file(path: Path) -> SavedQuery:
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise DataError(f"{path}: cannot read: {exc.strerror}") from None
    except UnicodeDecodeError:
        raise DataError(f"{path}: not UTF-8 text") from None
    return parse_text(text, path.stem, path)


def catalogue(directory: Path | None = None) -> dict[str, SavedQuery]:
    """Every saved query, by name."""
    directory = directory or resources.queries_dir()
    return {p.stem: load_file(p) for p in sorted(directory.glob("*.rq"))}


def get(name: str, directory: Path | None = None) -> SavedQuery:
    """A saved query by name; an unknown name is a usage error that suggests the closest."""
    directory = directory or resources.queries_dir()
    path = directory / f"{name}.rq"
    if not path.is_file():
        names = sorted(p.stem for p in directory.glob("*.rq"))
        close = difflib.get_close_matches(name, names, n=3, cutoff=0.4)
        hint = f"; did you mean {', '.join(close)}?" if close else "; `icpa list` shows them all"
        raise UsageError(f"unknown query {name!r}{hint}")
    return load_file(path)
