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
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from game.scenario import yamlsyntax
from game.scenario.problems import Problem, path_text

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


@dataclass(frozen=True)
class Unreadable:
    """Stands for a part of a file that could not be read (a YAML syntax error in it, or a
    value with a forbidden tag); its problem is already reported. `id` is the id the part
    seems to give (`- id: x` in its text), so references to it are not reported as well.
    """

    id: str | None = None


# the tag of a placeholder node for an unreadable part: no YAML file can write a NUL
_UNREADABLE_TAG = yamlsyntax.UNREADABLE_TAG


@dataclass
class Located:
    """Plain data plus the (file, line, col) of every value and of every mapping key.

    `spans` keeps where each scalar's text starts and ends in its file's `sources`, so a
    position inside a value (a column in a condition) can be found exactly even when the
    value is quoted or runs over several lines.
    """

    data: object
    file: str = ""
    values: dict[tuple[Any, ...], Pos] = field(default_factory=dict)
    keys: dict[tuple[Any, ...], Pos] = field(default_factory=dict)
    quoted: set[tuple[Any, ...]] = field(default_factory=set)  # scalars written in quotes
    spans: dict[tuple[Any, ...], tuple[str, int, int]] = field(default_factory=dict)
    sources: dict[str, str] = field(default_factory=dict)
    # (kind, id) -> where a child file said `remove: true` for it (see loader.merge)
    removed: dict[tuple[str, str], Pos] = field(default_factory=dict)
    # list entry path in the merged data -> its index in the file that wrote it
    origin: dict[tuple[Any, ...], int] = field(default_factory=dict)
    # paths whose value could not be read (an `Unreadable` stands there); see read_yaml
    unreadable: set[tuple[Any, ...]] = field(default_factory=set)
    _line_starts: dict[str, list[int]] = field(default_factory=dict, repr=False, compare=False)

    def pos(self, path: tuple[Any, ...], *, key: bool = False) -> Pos:
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

    def path_text(self, path: tuple[Any, ...]) -> str:
        """`path` as the facilitator finds it: entries by id (see problems.path_text)."""
        return path_text(self.data, tuple(path), self.origin)

    def text_pos(self, path: tuple[Any, ...], offset: int, value: str) -> Pos:
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
    """Builds plain data from composed nodes, recording every position.

    With `partial`, a value that cannot be read (a forbidden tag, a YAML syntax error the
    reader recovered from) becomes an `Unreadable` and the rest is still built, so the
    checks can look at everything else; without it, any such value fails the whole file.
    """

    def __init__(self, located: Located, problems: list[Problem], file: str, partial: bool):
        self.loc = located
        self.problems = problems
        self.file = file
        self.partial = partial
        self.failed = False

    def error(self, node: yaml.Node, msg: str) -> None:
        m = node.start_mark
        self.problems.append(Problem(self.file, m.line + 1, m.column + 1, "error", msg))
        self.failed = True

    def bad(self, path: tuple[Any, ...], guess: str | None = None) -> object:
        """What stands for a value that could not be read."""
        if not self.partial:
            return _BAD
        self.loc.unreadable.add(path)
        return Unreadable(guess)

    def build(self, node: yaml.Node, path: tuple[Any, ...], depth: int) -> object:
        if depth > MAX_DEPTH:
            self.error(node, f"nesting deeper than {MAX_DEPTH} levels")
            return self.bad(path)
        mark = node.start_mark
        self.loc.values.setdefault(path, (self.file, mark.line + 1, mark.column + 1))
        if node.tag == _UNREADABLE_TAG:  # its problem is already reported
            return self.bad(path, node.value or None)
        if isinstance(node, yaml.MappingNode):
            if node.tag != "tag:yaml.org,2002:map":
                self.error(node, _tag_message(node.tag))
                return self.bad(path)
            if node.flow_style and self.partial:
                _mend_flow_commas(node, self)
            out: dict[Any, Any] = {}
            for knode, vnode in node.value:
                if knode.tag == "tag:yaml.org,2002:merge":
                    self.error(knode, "YAML merge keys ('<<') are not supported; write keys out")
                    return self.bad(path)  # the map lacks what the merge would have given
                if not isinstance(knode, yaml.ScalarNode):
                    self.error(knode, "a mapping key must be a plain value, not a list or map")
                    continue
                key = self.scalar(knode)
                if key is _BAD:
                    continue
                if key in out:
                    self.error(knode, f"duplicate key {key!r}: each key may appear once")
                    if self.partial:  # read on as one: the entries of both, not one lost
                        self.join(out, key, vnode, path + (key,), depth + 1)
                    continue
                kpath = path + (key,)
                km = knode.start_mark
                self.loc.keys[kpath] = (self.file, km.line + 1, km.column + 1)
                out[key] = self.build(vnode, kpath, depth + 1)
            return out
        if isinstance(node, yaml.SequenceNode):
            if node.tag != "tag:yaml.org,2002:seq":
                self.error(node, _tag_message(node.tag))
                return self.bad(path)
            return [self.build(v, path + (i,), depth + 1) for i, v in enumerate(node.value)]
        if node.style in ("'", '"'):
            self.loc.quoted.add(path)
        self.loc.spans[path] = (self.file, node.start_mark.index, node.end_mark.index)
        value = self.scalar(node)
        return self.bad(path) if value is _BAD else value

    def join(
        self, out: dict[Any, Any], key: object, vnode: yaml.Node, kpath: tuple[Any, ...], depth: int
    ) -> None:
        """A key given twice: a second list goes on after the first, a second map's keys
        are added to the first's (its own duplicates are reported as such).
        """
        first = out[key]
        if isinstance(first, list) and isinstance(vnode, yaml.SequenceNode):
            n = len(first)
            first.extend(
                self.build(v, kpath + (n + i,), depth + 1) for i, v in enumerate(vnode.value)
            )
        elif isinstance(first, dict) and isinstance(vnode, yaml.MappingNode):
            for k, v in vnode.value:
                name = self.scalar(k) if isinstance(k, yaml.ScalarNode) else _BAD
                if name is _BAD:
                    continue
                if name in first:
                    self.error(k, f"duplicate key {name!r}: each key may appear once")
                    continue
                km = k.start_mark
                self.loc.keys[kpath + (name,)] = (self.file, km.line + 1, km.column + 1)
                first[name] = self.build(v, kpath + (name,), depth + 1)

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


def _implicit_null(node: yaml.Node) -> bool:
    return (
        isinstance(node, yaml.ScalarNode)
        and node.tag == "tag:yaml.org,2002:null"
        and node.value == ""
        and not node.style  # plain ('' from libyaml, None from the Python parser)
    )


_STR = "tag:yaml.org,2002:str"
_INT = re.compile(r"[+-]?\d+")
_DIGITS = re.compile(r"\d+")


def _mend_flow_commas(node: yaml.MappingNode, builder: _Builder) -> None:
    """Find what an unquoted comma did to a `{…}` map, say so, and mend it.

    In `{fi: Sahat, urakoitsijat, en: …}` and `{a: x, trust: 0,65}` the comma ends a
    value, and what follows it becomes a key without a value (`urakoitsijat`, `65`). Each
    such value is reported once, in plain words, and mended (the text joined again, the
    number read with its decimals) so that it causes no second, stranger problem.
    """
    source = builder.loc.sources.get(builder.file, "")
    pairs = list(node.value)
    kept: list[tuple[yaml.Node, yaml.Node]] = []
    reported: set[int] = set()
    for knode, vnode in pairs:
        prev = kept[-1][1] if kept else None
        written_colon = source[knode.end_mark.index : knode.end_mark.index + 80].lstrip()[:1] == ":"
        if (
            prev is None
            or not _implicit_null(vnode)
            or written_colon
            or not isinstance(knode, yaml.ScalarNode)
            or knode.style
            or not isinstance(prev, yaml.ScalarNode)
            or prev.style
            or prev.tag not in ("tag:yaml.org,2002:int", _STR)
        ):
            kept.append((knode, vnode))
            continue
        key_text = knode.value
        if _INT.fullmatch(prev.value) and _DIGITS.fullmatch(key_text):
            value, tag = f"{prev.value}.{key_text}", "tag:yaml.org,2002:float"
            msg = (
                f"{prev.value},{key_text} is written with a decimal comma: write {value} "
                f"(inside {{…}} a comma separates entries, so YAML read {prev.value} and a "
                f"key {key_text})"
            )
        else:
            value, tag = source[prev.start_mark.index : knode.end_mark.index], _STR
            msg = (
                f"the text '{_cut(prev.value)}' ends at a comma: inside {{…}} a comma "
                f"separates entries, so '{_cut(key_text)}' became a key of its own; "
                f'put a text with a comma in quotes: "{_cut(value, 60)}"'
            )
        if id(prev) not in reported:
            m = prev.start_mark
            builder.problems.append(Problem(builder.file, m.line + 1, m.column + 1, "error", msg))
            builder.failed = True
            reported.add(id(prev))
        prev.value, prev.tag = value, tag
        prev.end_mark = knode.end_mark
    node.value = kept


# spaces a word processor puts where YAML wants plain ones: no-break, thin, ideographic, …
_ODD_SPACE = re.compile(r"(?m)^([ \t]*)([\u00a0\u2000-\u200b\u202f\u205f\u3000]+)")


def _odd_spaces(text: str, file: str) -> list[Problem]:
    """A line indented with a space YAML does not take for one (copied text often is)."""
    out = []
    for m in _ODD_SPACE.finditer(text):
        line = text.count("\n", 0, m.start()) + 1
        ch = m.group(2)[0]
        name = "a no-break space" if ch == "\u00a0" else "a special space"
        out.append(
            Problem(
                file,
                line,
                len(m.group(1)) + 1,
                "error",
                f"line {line} is indented with {name} (U+{ord(ch):04X}), as text copied from a "
                "word processor or a web page often is: indent with ordinary spaces",
            )
        )
    return out


def _cut(text: str, n: int = 40) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"


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


def read_yaml(
    path: Path, display: str | None = None, partial: bool = False, max_bytes: int = MAX_BYTES
) -> tuple[Located | None, list[Problem]]:
    """Read a YAML file into `Located` data; return problems instead of raising.

    With `partial`, a file with YAML syntax errors, forbidden tags or unquoted commas in
    `{…}` is read as far as it can be: each broken part is reported and stands as an
    `Unreadable` (its path in `unreadable`), and the rest is returned for checking. A
    file that cannot be read at all (too big, not text, an alias bomb) still gives None.
    `max_bytes` is the size limit (a session's own merged copy of a scenario may be larger
    than any one file of its `extends:` chain).
    """
    file = display or str(path)
    problems: list[Problem] = []

    def fail(msg: str, line: int = 1, col: int = 1) -> tuple[None, list[Problem]]:
        problems.append(Problem(file, line, col, "error", msg))
        return None, problems

    try:
        size = path.stat().st_size
    except (OSError, ValueError) as exc:
        return fail(f"cannot read the file: {getattr(exc, 'strerror', None) or exc}")
    most = f"{max_bytes / 2**20:g} MB"
    if size > max_bytes:
        return fail(f"the file is {size / 1e6:.1f} MB; scenario files may be at most {most}")
    try:
        with path.open("rb") as fh:
            raw = fh.read(max_bytes + 1)  # the file may have grown since stat()
    except (OSError, ValueError) as exc:
        return fail(f"cannot read the file: {getattr(exc, 'strerror', None) or exc}")
    if len(raw) > max_bytes:
        return fail(f"the file is over {most}; scenario files may be at most {most}")
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
    odd = _odd_spaces(text, file)
    if odd:
        problems.extend(odd)
        if not partial:
            return None, problems
        # read on as if they were spaces: the rest of the file is still checked
        text = _ODD_SPACE.sub(lambda m: m.group(1) + " " * len(m.group(2)), text)
    try:
        node = yaml.compose(text, Loader=_LOADER)
    except yaml.MarkedYAMLError as exc:
        node = None
        if partial:
            node, errors = yamlsyntax.recover(text)
            for e in errors:
                problems.append(Problem(file, e.line, e.col, "error", e.message))
        if node is None:
            found = yamlsyntax.explain_exc(exc, text)
            return fail(found.message, found.line, found.col)
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
    builder = _Builder(located, problems, file, partial)
    try:
        located.data = builder.build(node, (), 0)
    except RecursionError:
        return fail(f"nesting deeper than {MAX_DEPTH} levels")
    if builder.failed and not partial:
        return None, problems
    return located, problems
