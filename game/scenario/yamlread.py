"""Read untrusted YAML into plain data, remembering the line and column of every node.

Scenario files travel by e-mail between facilitators, so this reader only builds plain
data (maps, lists, strings, numbers, booleans, null): any other tag is an error and never
runs. Alias expansion, nesting depth and file size are bounded so a hostile file is
refused quickly: the expanded size is measured on the composed node graph (each shared
node counted once, in one pass) before anything is built, so an alias bomb costs no more
than reading the file.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from game.scenario.problems import Problem

MAX_BYTES = 2 * 1024 * 1024
MAX_NODES = 500_000  # after alias expansion: a "billion laughs" file stops here
MAX_DEPTH = 64
MAX_ALIASES = 1_000

# libyaml parses about twenty times faster than the pure-Python parser; both only compose
# nodes here (no object is ever constructed from a tag), so either is safe.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

Pos = tuple[str, int, int]  # file, line, column (1-based)

_PLAIN_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
}
# a date such as 2024-05-01 written without quotes: kept as the text it is
_TIMESTAMP = "tag:yaml.org,2002:timestamp"


@dataclass
class Located:
    """Plain data plus the (file, line, col) of every value and of every mapping key.

    `spans` keeps where each scalar's text starts and ends in its file's `sources`, so a
    position inside a value (a column in a condition) can be found exactly even when the
    value is quoted or runs over several lines.
    """

    data: object
    file: str = ""
    values: dict[tuple, Pos] = field(default_factory=dict)
    keys: dict[tuple, Pos] = field(default_factory=dict)
    quoted: set[tuple] = field(default_factory=set)  # scalars written in quotes
    spans: dict[tuple, tuple[str, int, int]] = field(default_factory=dict)
    sources: dict[str, str] = field(default_factory=dict)
    # (kind, id) -> where a child file said `remove: true` for it (see loader.merge)
    removed: dict[tuple[str, str], Pos] = field(default_factory=dict)
    _line_starts: dict[str, list[int]] = field(default_factory=dict, repr=False, compare=False)

    def pos(self, path: tuple, *, key: bool = False) -> Pos:
        """The position of the value (or key) at `path`, or of its nearest ancestor."""
        p = tuple(path)
        while True:
            if key and p in self.keys:
                return self.keys[p]
            if p in self.values:
                return self.values[p]
            if not p:
                return (self.file, 1, 1)
            p = p[:-1]

    def text_pos(self, path: tuple, offset: int, value: str) -> Pos:
        """The position of character `offset` (0-based) of the string `value` at `path`.

        The characters of the value are matched in order against the file's text between
        the scalar's start and end, which skips quotes, escapes, indentation and line
        folding without re-implementing YAML's scalar rules.
        """
        file, line, col = self.pos(path)
        span = self.spans.get(tuple(path))
        source = self.sources.get(span[0]) if span else None
        if span is None or source is None:
            return (file, line, col + offset)
        _, start, end = span
        raw = source[start:end]
        i = 0
        for ch in value[: offset + 1]:
            k = i
            while k < len(raw) and not _same(raw[k], ch):
                k += 1
            if k >= len(raw):
                return (file, line, col + offset)
            i = k + 1
        # i is just past the last matched character: the wanted one, or the value's end
        target = start + (i - 1 if offset < len(value) else i)
        return (span[0],) + self._line_col(span[0], target)

    def _line_col(self, file: str, index: int) -> tuple[int, int]:
        starts = self._line_starts.get(file)
        if starts is None:
            text = self.sources[file]
            starts = [0] + [i + 1 for i, c in enumerate(text) if c == "\n"]
            self._line_starts[file] = starts
        line = bisect.bisect_right(starts, index) - 1
        return line + 1, index - starts[line] + 1


def _same(raw: str, ch: str) -> bool:
    # a folded line break reads as a space; a kept one as a newline
    return raw == ch or (raw == "\n" and ch in " \n")


class _Builder:
    def __init__(self, located: Located, problems: list[Problem], file: str):
        self.loc = located
        self.problems = problems
        self.file = file
        self.failed = False

    def error(self, node: yaml.Node, msg: str) -> None:
        m = node.start_mark
        self.problems.append(Problem(self.file, m.line + 1, m.column + 1, "error", msg))
        self.failed = True

    def build(self, node: yaml.Node, path: tuple, depth: int) -> object:
        if depth > MAX_DEPTH:
            self.error(node, f"nesting deeper than {MAX_DEPTH} levels")
            return _BAD
        mark = node.start_mark
        self.loc.values.setdefault(path, (self.file, mark.line + 1, mark.column + 1))
        if isinstance(node, yaml.MappingNode):
            if node.tag != "tag:yaml.org,2002:map":
                self.error(node, _tag_message(node.tag))
                return _BAD
            out: dict = {}
            for knode, vnode in node.value:
                if knode.tag == "tag:yaml.org,2002:merge":
                    self.error(knode, "YAML merge keys ('<<') are not supported; write keys out")
                    continue
                if not isinstance(knode, yaml.ScalarNode):
                    self.error(knode, "a mapping key must be a plain value, not a list or map")
                    continue
                key = self.scalar(knode)
                if key is _BAD:
                    continue
                if key in out:
                    self.error(knode, f"duplicate key {key!r}: each key may appear once")
                    continue
                kpath = path + (key,)
                km = knode.start_mark
                self.loc.keys[kpath] = (self.file, km.line + 1, km.column + 1)
                out[key] = self.build(vnode, kpath, depth + 1)
            return out
        if isinstance(node, yaml.SequenceNode):
            if node.tag != "tag:yaml.org,2002:seq":
                self.error(node, _tag_message(node.tag))
                return _BAD
            return [self.build(v, path + (i,), depth + 1) for i, v in enumerate(node.value)]
        if node.style in ("'", '"'):
            self.loc.quoted.add(path)
        self.loc.spans[path] = (self.file, node.start_mark.index, node.end_mark.index)
        return self.scalar(node)

    def scalar(self, node: yaml.ScalarNode) -> object:
        tag = node.tag
        if tag == _TIMESTAMP:
            return node.value
        if tag not in _PLAIN_TAGS:
            self.error(node, _tag_message(tag))
            return _BAD
        try:
            return yaml.SafeLoader.yaml_constructors[tag](_CONSTRUCTOR, node)
        except (ValueError, OverflowError, yaml.YAMLError) as exc:
            self.error(node, f"cannot read value {node.value[:40]!r}: {exc}")
            return _BAD


_BAD = object()  # a value that could not be built; its problem is already recorded
_CONSTRUCTOR = yaml.SafeLoader("")


def _tag_message(tag: str) -> str:
    short = tag.replace("tag:yaml.org,2002:", "!!")
    return (
        f"the tag '{short}' is not allowed: a scenario file holds plain data only "
        "(text, numbers, true/false, lists and maps), never code or objects"
    )


def _measure(root: yaml.Node, file: str) -> Problem | None:
    """Refuse a node graph that expands too far, repeats too many aliases or loops.

    One iterative post-order pass: a node reached again is an alias, counted once and
    its measured size reused, so the cost is that of the file, not of its expansion.
    """
    size: dict[int, int] = {}
    open_nodes: set[int] = set()
    aliases = 0
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]

    def at(node: yaml.Node, msg: str) -> Problem:
        m = node.start_mark
        return Problem(file, m.line + 1, m.column + 1, "error", msg)

    def children(node: yaml.Node) -> list[yaml.Node]:
        if isinstance(node, yaml.MappingNode):
            return [n for pair in node.value for n in pair]
        if isinstance(node, yaml.SequenceNode):
            return list(node.value)
        return []

    while stack:
        node, done = stack.pop()
        nid = id(node)
        if done:
            open_nodes.discard(nid)
            total = 1 + sum(size[id(c)] for c in children(node))
            size[nid] = total
            if total > MAX_NODES:
                return at(
                    node,
                    f"the YAML aliases (*name) here expand to more than {MAX_NODES:,} values; "
                    "scenario files must stay small",
                )
            continue
        if nid in size:
            aliases += 1
            if aliases > MAX_ALIASES:
                return at(
                    node,
                    f"more than {MAX_ALIASES:,} uses of YAML aliases (*name); "
                    "write the values out instead",
                )
            continue
        if nid in open_nodes:
            return at(node, "a YAML alias refers to a value that contains itself")
        open_nodes.add(nid)
        stack.append((node, True))
        stack.extend((c, False) for c in children(node))
    return None


def read_yaml(path: Path, display: str | None = None) -> tuple[Located | None, list[Problem]]:
    """Read a YAML file into `Located` data; return problems instead of raising."""
    file = display or str(path)
    problems: list[Problem] = []

    def fail(msg: str, line: int = 1, col: int = 1) -> tuple[None, list[Problem]]:
        problems.append(Problem(file, line, col, "error", msg))
        return None, problems

    try:
        size = path.stat().st_size
    except (OSError, ValueError) as exc:
        return fail(f"cannot read the file: {getattr(exc, 'strerror', None) or exc}")
    if size > MAX_BYTES:
        return fail(f"the file is {size / 1e6:.1f} MB; scenario files may be at most 2 MB")
    try:
        with path.open("rb") as fh:
            raw = fh.read(MAX_BYTES + 1)  # the file may have grown since stat()
    except (OSError, ValueError) as exc:
        return fail(f"cannot read the file: {getattr(exc, 'strerror', None) or exc}")
    if len(raw) > MAX_BYTES:
        return fail("the file is over 2 MB; scenario files may be at most 2 MB")
    if b"\x00" in raw[:8192] or raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        line = raw[: raw.find(b"\x00")].count(b"\n") + 1 if b"\x00" in raw[:8192] else 1
        return fail(
            "the file is binary or UTF-16, not UTF-8 text: save it as UTF-8 "
            "(in most editors: 'Save as' → encoding UTF-8)",
            line,
        )
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        col = len(raw[: exc.start].rsplit(b"\n", 1)[-1].decode("utf-8", "replace")) + 1
        return fail(
            f"the file is not UTF-8 text (byte {exc.start} is 0x{raw[exc.start]:02x}); "
            "save it as UTF-8 (in most editors: 'Save as' → encoding UTF-8)",
            line,
            col,
        )
    if "\x00" in text:
        line = text[: text.find("\x00")].count("\n") + 1
        return fail("the file contains NUL bytes: it is not a text file", line)
    if not text.strip() or all(
        not ln.strip() or ln.lstrip().startswith("#") for ln in text.splitlines()
    ):
        return fail(
            "the file is empty: a scenario needs at least meta, region_types, "
            "indicators, themes, actors, teams and vision (try 'suunta new FILE')"
        )
    try:
        node = yaml.compose(text, Loader=_LOADER)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        if exc.context_mark is not None and "end of stream" in str(exc.problem):
            mark = exc.context_mark  # the end of the file says nothing; where it began does
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        return fail(f"YAML syntax: {_syntax_message(exc, text)}", line, col)
    except yaml.reader.ReaderError as exc:
        pos = getattr(exc, "position", 0) or 0
        line = text[:pos].count("\n") + 1
        col = pos - (text.rfind("\n", 0, pos) + 1) + 1
        return fail(
            f"the file contains a control character (code {exc.character!r}) YAML does not "
            "allow: remove it",
            line,
            col,
        )
    except yaml.YAMLError as exc:
        return fail(f"YAML syntax: {exc}")
    except RecursionError:
        return fail(f"nesting deeper than {MAX_DEPTH} levels")
    if node is None:
        return fail("the file holds no data")
    bad = _measure(node, file)
    if bad is not None:
        problems.append(bad)
        return None, problems
    located = Located(None, file, sources={file: text})
    builder = _Builder(located, problems, file)
    try:
        located.data = builder.build(node, (), 0)
    except RecursionError:
        return fail(f"nesting deeper than {MAX_DEPTH} levels")
    if builder.failed:
        return None, problems
    return located, problems


def _syntax_message(exc: yaml.MarkedYAMLError, text: str) -> str:
    """The parser's complaint, with where the unfinished part began and a likely fix."""
    what = exc.problem or exc.context or "not valid YAML"
    mark = exc.problem_mark
    if mark is not None:
        lines = text.split("\n")
        here = lines[mark.line][mark.column : mark.column + 1] if mark.line < len(lines) else ""
        if here == "\t" or "\t" in what:
            return f"{what} (indent with spaces, never tabs)"
    if "mapping values are not allowed" in what:
        return f"{what} (a text containing ': ' must be put in quotes)"
    start = exc.context_mark
    if exc.context and start is not None and (mark is None or start.line != mark.line):
        hint = ""
        if "quoted scalar" in exc.context:
            hint = "; is a closing quote missing?"
        elif "flow mapping" in exc.context:
            hint = "; is a closing '}' missing?"
        elif "flow sequence" in exc.context:
            hint = "; is a closing ']' missing?"
        return (
            f"{what} ({exc.context} that starts at line {start.line + 1}, "
            f"column {start.column + 1}{hint})"
        )
    return what
