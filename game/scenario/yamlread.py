"""Read untrusted YAML into plain data, remembering the line and column of every node.

Scenario files travel by e-mail between facilitators, so this reader only builds plain
data (maps, lists, strings, numbers, booleans, null): any other tag is an error and never
runs. Alias expansion, nesting depth and file size are bounded so a hostile file is
refused quickly.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml

from game.scenario.problems import Problem

MAX_BYTES = 2 * 1024 * 1024
MAX_NODES = 500_000  # after alias expansion: a "billion laughs" file stops here
MAX_DEPTH = 64
MAX_ALIASES = 1_000

Pos = tuple[str, int, int]  # file, line, column (1-based)


@dataclass
class Located:
    """Plain data plus the (file, line, col) of every value and of every mapping key."""

    data: object
    file: str = ""
    values: dict[tuple, Pos] = field(default_factory=dict)
    keys: dict[tuple, Pos] = field(default_factory=dict)
    quoted: set[tuple] = field(default_factory=set)  # scalars written in quotes

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


class _Builder:
    def __init__(self, located: Located, problems: list[Problem], file: str):
        self.loc = located
        self.problems = problems
        self.file = file
        self.count = 0
        self.failed = False

    def error(self, node: yaml.Node, msg: str) -> None:
        m = node.start_mark
        self.problems.append(Problem(self.file, m.line + 1, m.column + 1, "error", msg))
        self.failed = True

    def build(self, node: yaml.Node, path: tuple, depth: int) -> object:
        if self.failed:
            return None
        self.count += 1
        if self.count > MAX_NODES:
            self.error(
                node,
                f"the file expands to more than {MAX_NODES:,} values "
                "(too many aliases?); scenario files must stay small",
            )
            return None
        if depth > MAX_DEPTH:
            self.error(node, f"nesting deeper than {MAX_DEPTH} levels")
            return None
        mark = node.start_mark
        self.loc.values.setdefault(path, (self.file, mark.line + 1, mark.column + 1))
        if isinstance(node, yaml.MappingNode):
            if node.tag not in ("tag:yaml.org,2002:map",):
                self.error(node, f"tag {node.tag!r} is not allowed in a scenario file")
                return None
            out: dict = {}
            for knode, vnode in node.value:
                if knode.tag == "tag:yaml.org,2002:merge":
                    self.error(knode, "YAML merge keys ('<<') are not supported; write keys out")
                    continue
                key = self.build(knode, path + ("<key>",), depth + 1)
                if isinstance(key, list | dict):
                    self.error(knode, "a mapping key must be a plain value")
                    continue
                if key in out:
                    self.error(knode, f"duplicate key {key!r}")
                    continue
                kpath = path + (key,)
                km = knode.start_mark
                self.loc.keys[kpath] = (self.file, km.line + 1, km.column + 1)
                out[key] = self.build(vnode, kpath, depth + 1)
            return out
        if isinstance(node, yaml.SequenceNode):
            if node.tag != "tag:yaml.org,2002:seq":
                self.error(node, f"tag {node.tag!r} is not allowed in a scenario file")
                return None
            return [self.build(v, path + (i,), depth + 1) for i, v in enumerate(node.value)]
        if node.style in ("'", '"'):
            self.loc.quoted.add(path)
        return self.scalar(node)

    def scalar(self, node: yaml.ScalarNode) -> object:
        tag = node.tag
        allowed = {
            "tag:yaml.org,2002:str",
            "tag:yaml.org,2002:int",
            "tag:yaml.org,2002:float",
            "tag:yaml.org,2002:bool",
            "tag:yaml.org,2002:null",
        }
        if tag not in allowed:
            self.error(node, f"tag {tag!r} is not allowed in a scenario file (plain data only)")
            return None
        try:
            return yaml.SafeLoader.yaml_constructors[tag](_CONSTRUCTOR, node)
        except (ValueError, OverflowError, yaml.YAMLError) as exc:
            self.error(node, f"cannot read value {node.value!r}: {exc}")
            return None


_CONSTRUCTOR = yaml.SafeLoader("")


def _count_aliases(text: str) -> int:
    n = 0
    for ev in yaml.parse(text, Loader=yaml.SafeLoader):
        if isinstance(ev, yaml.AliasEvent):
            n += 1
            if n > MAX_ALIASES:
                break
    return n


def read_yaml(path: Path, display: str | None = None) -> tuple[Located | None, list[Problem]]:
    """Read a YAML file into `Located` data; return problems instead of raising."""
    file = display or str(path)
    problems: list[Problem] = []

    def fail(msg: str, line: int = 1, col: int = 1) -> tuple[None, list[Problem]]:
        problems.append(Problem(file, line, col, "error", msg))
        return None, problems

    try:
        size = path.stat().st_size
    except OSError as exc:
        return fail(f"cannot read the file: {exc.strerror or exc}")
    if size > MAX_BYTES:
        return fail(f"the file is {size / 1e6:.1f} MB; scenario files may be at most 2 MB")
    try:
        raw = path.read_bytes()
    except OSError as exc:
        return fail(f"cannot read the file: {exc.strerror or exc}")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        return fail(f"the file is not UTF-8 text (byte {exc.start}); save it as UTF-8", line)
    if "\x00" in text:
        return fail("the file contains NUL bytes: it is not a text file")
    if not text.strip():
        return fail(
            "the file is empty: a scenario needs at least meta, region_types, "
            "indicators, themes, actors, teams and vision (try 'suunta new')"
        )
    try:
        if _count_aliases(text) > MAX_ALIASES:
            return fail(f"more than {MAX_ALIASES} YAML aliases; scenario files must stay small")
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        return fail(f"YAML syntax: {exc.problem or exc.context}", line, col)
    except yaml.YAMLError as exc:
        return fail(f"YAML syntax: {exc}")
    except RecursionError:
        return fail(f"nesting deeper than {MAX_DEPTH} levels")
    if node is None:
        return fail("the file holds no data")
    located = Located(None, file)
    builder = _Builder(located, problems, file)
    try:
        located.data = builder.build(node, (), 0)
    except RecursionError:
        return fail(f"nesting deeper than {MAX_DEPTH} levels")
    if builder.failed:
        return None, problems
    return located, problems
