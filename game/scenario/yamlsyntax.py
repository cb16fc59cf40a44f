"""YAML syntax errors in plain words, and reading past them.

The parser reports where it gave up, in its own terms ("did not find expected '-'
indicator while parsing a block collection"), often far from the mistake: an unclosed
quote swallows the lines after it. `explain` looks at the text around the error and says
what a facilitator did — a quote never closed (at the quote), an indentation that
differs from its neighbours (with how many spaces they use), a tab, a text with ': ' or a
leading '[' that needs quotes, a list item among keys and the reverse, a '{' never
closed — each with a fix.

`recover` reads a file with syntax errors part by part: each top-level key, and inside a
broken one each list entry or key, so one mistake costs only the part it is in and the
rest of the file is still checked.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import yaml

_MARK = yaml.error.Mark


@dataclass
class Syntax:
    """One syntax error: where (1-based) and what, in plain words."""

    line: int
    col: int
    message: str


@dataclass
class _Error:
    """A parser error in the file's own lines and columns (0-based)."""

    problem: str
    line: int
    col: int
    context: str
    cline: int | None
    ccol: int | None


def _error(exc: yaml.MarkedYAMLError, line_shift: int = 0) -> _Error:
    mark = exc.problem_mark or exc.context_mark
    cm = exc.context_mark
    return _Error(
        exc.problem or exc.context or "not valid YAML",
        (mark.line if mark else 0) + line_shift,
        mark.column if mark else 0,
        exc.context or "",
        cm.line + line_shift if cm is not None else None,
        cm.column if cm is not None else None,
    )


# -- looking at lines ---------------------------------------------------------------------

_KEY = re.compile(
    r"^(?P<ind>[ ]*)(?:-[ ]+)*"
    r"(?P<key>[^\s#'\"\[\]{}:,-][^:#]*?|'[^']*'|\"[^\"]*\"):(?=\s|$)"
)
_ITEM = re.compile(r"^(?P<ind>[ ]*)-(?:[ ]|$)")


_SMART_QUOTES = "\u201c\u201d\u201e\u2018\u2019\u00ab\u00bb"  # “ ” „ ‘ ’ « »


def _indent(line: str) -> int:
    """The width of a line's indentation (a tab counts as 8, as YAML's parser sees it:
    more than any sibling, so a tab-indented line stays with the entry above).
    """
    return len(line[: len(line) - len(line.lstrip(" \t"))].expandtabs(8))


def _is_content(line: str) -> bool:
    s = line.strip()
    return bool(s) and not s.startswith("#")


def _previous(lines: list[str], i: int) -> int | None:
    """The nearest line before line i with content (not blank, not only a comment)."""
    j = i - 1
    while j >= 0 and not _is_content(lines[j]):
        j -= 1
    return j if j >= 0 else None


def _levels(lines: list[str], i: int) -> list[tuple[int, int]]:
    """(indent, line) of the blocks line i could belong to, innermost first: walking up,
    each line less indented than all below it opens a block (a `- key:` line opens two,
    its list and its entry's keys).
    """
    out: list[tuple[int, int]] = []
    limit = 10**9
    j = _previous(lines, i)
    while j is not None and limit > 0:
        line = lines[j]
        ind = _indent(line)
        if ind < limit:
            item = _ITEM.match(line)
            if item:
                rest = line[item.end() :]
                key_col = item.end() + (len(rest) - len(rest.lstrip(" ")))
                if _KEY.match(line) and key_col not in (x for x, _ in out):
                    out.append((key_col, j))
            if ind not in (x for x, _ in out):
                out.append((ind, j))
            limit = ind
        j = _previous(lines, j)
    return out


def _has_inline_value(line: str) -> bool:
    """`key: value` with the value on the same line (not `key:` opening a block)."""
    m = _KEY.match(line)
    if not m:
        return False
    rest = line[m.end() :].strip()
    return bool(rest) and not rest.startswith("#") and rest not in ("|", ">", "|-", ">-")


def _opens_block(line: str) -> bool:
    """`key:` or `- ` with nothing after it: the lines below, indented, are its value."""
    m = _KEY.match(line)
    if m:
        return not _has_inline_value(line)
    item = _ITEM.match(line)
    return item is not None and not line[item.end() :].strip()


def _spaces(n: int) -> str:
    return "1 space" if n == 1 else f"{n} spaces"


def _indentation(lines: list[str], i: int) -> Syntax | None:
    """The indentation of line i differs from every block above it: say how it should be."""
    ind = _indent(lines[i])
    levels = _levels(lines, i)
    if not levels or ind in (x for x, _ in levels):
        return None
    prev = _previous(lines, i)
    if prev is not None and ind > _indent(lines[prev]) and _opens_block(lines[prev]):
        return None  # the first line of the block its key opens
    if prev is not None and ind > _indent(lines[prev]) and _has_inline_value(lines[prev]):
        key = _KEY.match(lines[prev])
        name = key.group("key") if key else "the line above"
        want = key.end() - len(name) - 1 if key else _indent(lines[prev])
        return Syntax(
            i + 1,
            ind + 1,
            f"line {i + 1} is indented {_spaces(ind)}, more than line {prev + 1} "
            f"({_spaces(want)}), whose '{name}:' already has its value: indent it "
            f"{_spaces(want)} like line {prev + 1} if it is a key of its own",
        )
    below = [(x, j) for x, j in levels if x < ind]
    above = [(x, j) for x, j in levels if x > ind]
    near = []
    if above:
        near.append(min(above))
    if below:
        near.append(max(below))
    said = " or ".join(f"{_spaces(x)} (like line {j + 1})" for x, j in near)
    return Syntax(
        i + 1,
        ind + 1,
        f"line {i + 1} is indented {_spaces(ind)}, but the lines it could belong with use "
        f"{said}: indent it like the entries it goes with (YAML reads the structure from "
        "the indentation)",
    )


def _unclosed_quote(lines: list[str], upto: int, first: int = 0) -> Syntax | None:
    """The first quote that opens a value and is not closed on its line, when the next
    line looks like YAML of its own (a key or a list item), not the text's continuation.
    """
    for i in range(first, min(upto + 1, len(lines))):
        line = lines[i]
        for m in re.finditer(r"[\"']", line):
            c = m.start()
            before = line[:c].rstrip()
            if (
                before
                and before[-1] not in ":-[{,"
                or (before.endswith("-") and c > 0 and line[c - 1] != " ")
            ):
                continue
            if _in_comment(line, c) or _inside_quotes(line, c):
                continue
            q = line[c]
            rest = line[c + 1 :]
            closed = (
                re.search(r'(?<!\\)"', rest) is not None
                if q == '"'
                else re.search(r"'(?!')", rest.replace("''", "")) is not None
            )
            if closed:
                continue
            nxt = i + 1
            while nxt < len(lines) and not _is_content(lines[nxt]):
                nxt += 1
            if nxt < len(lines) and (
                not (_KEY.match(lines[nxt]) or _ITEM.match(lines[nxt]))
                or lines[nxt].count(q) % 2 == 1
            ):
                continue  # a quoted text that runs over lines, closed on the next: legal
            return _quote(i, c, q)
    return None


def _quote(i: int, c: int, q: str) -> Syntax:
    return Syntax(
        i + 1,
        c + 1,
        f"the quote {q} that opens the text on line {i + 1} is never closed: end the text "
        f"with {q} on the same line (YAML reads everything up to the next {q} as one text)",
    )


def _in_comment(line: str, c: int) -> bool:
    return bool(re.search(r"(^|\s)#", _unquoted(line[:c])))


def _inside_quotes(line: str, c: int) -> bool:
    """Is position c inside a quoted text that began earlier on the line?"""
    q = None
    k = 0
    while k < c:
        ch = line[k]
        if q is None and ch in "\"'":
            before = line[:k].rstrip()
            if not before or before[-1] in ":-[{,":
                q = ch
        elif q == '"' and ch == "\\":
            k += 1
        elif ch == q:
            if q == "'" and k + 1 < len(line) and line[k + 1] == "'":
                k += 1
            else:
                q = None
        k += 1
    return q is not None


def _unquoted(text: str) -> str:
    return re.sub(r"\"(?:[^\"\\]|\\.)*\"|'(?:[^']|'')*'", lambda m: " " * len(m.group()), text)


def explain(err: _Error, lines: list[str], first: int = 0) -> Syntax:
    """The error in plain words, at the place to fix; `first` is the first line of the
    part that was parsed (what is above it was read on its own).
    """
    i = min(max(err.line, 0), max(len(lines) - 1, 0))
    line = lines[i] if lines else ""
    what = err.problem
    # a tab in the indentation, anywhere up to the error
    for j in range(first, i + 1):
        lead = lines[j][: len(lines[j]) - len(lines[j].lstrip(" \t"))] if j < len(lines) else ""
        if "\t" in lead and _is_content(lines[j]):
            used = sorted({_indent(x) for x in lines[max(0, j - 3) : j] if _is_content(x)} - {0})
            hint = f" (the lines above use {', '.join(map(str, used))} spaces)" if used else ""
            return Syntax(
                j + 1,
                lead.index("\t") + 1,
                f"line {j + 1} is indented with a tab: indent with spaces, never tabs{hint}",
            )
    if "quoted scalar" in err.context and err.cline is not None:
        q = (
            lines[err.cline][err.ccol]
            if err.ccol is not None and err.ccol < len(lines[err.cline])
            else '"'
        )
        return _quote(err.cline, err.ccol or 0, q)
    quote = _unclosed_quote(lines, i, first)
    if quote is not None:
        return quote
    found = _characters(err, lines, i, first)
    if found is not None:
        return found
    for kind, close in (("flow mapping", "}"), ("flow sequence", "]")):
        if kind in err.context and err.cline is not None:
            opened = "{" if close == "}" else "["
            if err.cline != err.line:
                return Syntax(
                    err.cline + 1,
                    (err.ccol or 0) + 1,
                    f"the '{opened}' on line {err.cline + 1} is never closed: end it with "
                    f"'{close}' on the same line (is a closing '{close}' missing?)",
                )
            return Syntax(
                err.line + 1,
                err.col + 1,
                f"expected ',' or '{close}' here: inside {opened}…{close} separate the entries "
                f"with commas, like {{fi: Kasvu, en: Growth}}; a text with ':' or ',' in it "
                "goes in quotes",
            )
    if "alias" in err.context or what.startswith("found undefined alias"):
        at = (err.cline, err.ccol) if err.cline is not None else (err.line, err.col)
        return Syntax(
            at[0] + 1,
            (at[1] or 0) + 1,
            "a text that starts with '*' is read as a YAML alias: put the text in quotes",
        )
    if "anchor" in err.context:
        at = (err.cline, err.ccol) if err.cline is not None else (err.line, err.col)
        return Syntax(
            at[0] + 1,
            (at[1] or 0) + 1,
            "a text that starts with '&' is read as a YAML anchor: put the text in quotes",
        )
    if "cannot start any token" in what and err.col < len(line):
        ch = line[err.col]
        return Syntax(
            err.line + 1,
            err.col + 1,
            f"a text cannot start with '{ch}' in YAML: put the text in quotes",
        )
    if "mapping values are not allowed" in what:
        key = _KEY.match(line)
        if key and err.col > key.end() - 1:
            name = key.group("key")
            value = line[key.end() :].strip()
            if value[:1] in _SMART_QUOTES:
                plain = value.strip("".join(_SMART_QUOTES))
                return Syntax(
                    err.line + 1,
                    key.end() + 2,
                    f"the text after '{name}:' starts with {value[0]}, which YAML does not take "
                    f'for a quote: write straight quotes: {name}: "{plain}"',
                )
            return Syntax(
                err.line + 1,
                err.col + 1,
                f"the text after '{name}:' has ': ' in it, which YAML reads as a new key: "
                f'put the text in quotes: {name}: "{value}"',
            )
        found = _indentation(lines, i)
        if found is not None:
            return found
        prev = _previous(lines, i)
        if prev is not None and re.search(r"\w:[^\s]", lines[prev]) and not _KEY.match(lines[prev]):
            m = re.search(r"(\S+):(\S+)", lines[prev].strip().lstrip("- "))
            fix = f" ({m.group(1)}: {m.group(2)})" if m else ""
            return Syntax(
                prev + 1,
                _indent(lines[prev]) + 1,
                f"a key needs a space after its ':'{fix}",
            )
    if "did not find expected key" in what or "expected '-' indicator" in what:
        found = _indentation(lines, i)
        if found is not None:
            return found
        key = _KEY.match(line)
        if key and err.col > key.end() - 1:
            name = key.group("key")
            value = line[key.end() :].strip()
            opening = value[:1]
            why = {
                "[": "a text that starts with '[' is read as a list",
                "{": "a text that starts with '{' is read as a map",
                '"': "after a closing quote, nothing more may follow",
                "'": "after a closing quote, nothing more may follow",
            }.get(opening, "this text is not one value")
            if opening == '"':  # "Kasvu" uusi: quotes inside the text, so single ones around
                fixed = "'" + value.replace("'", "''") + "'"
            else:
                fixed = '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
            return Syntax(
                err.line + 1,
                key.end() + 2,
                f"{why}: put the whole text in quotes: {name}: {fixed}",
            )
        if "expected key" in what and _ITEM.match(line) and err.cline is not None:
            return Syntax(
                err.line + 1,
                _indent(line) + 1,
                f"a list item ('- …') where the map that starts on line {err.cline + 1} "
                "has keys (key: value): give the item a key, or, if a list is meant, put it "
                "under a key of its own and indent it",
            )
        if "'-' indicator" in what and key and err.cline is not None:
            dash = _indent(line)
            return Syntax(
                err.line + 1,
                dash + 1,
                f"'{key.group('key')}:' is a key where the list that starts on line "
                f"{err.cline + 1} has items ('- …'): start a new entry with '- ', or indent "
                f"the key {_spaces(dash + 2)} to belong to the entry above",
            )
    found = _indentation(lines, i)
    if found is not None and ("expected" in what or "not allowed" in what):
        return found
    return Syntax(err.line + 1, err.col + 1, _fallback(err, what))


def _brackets(line: str) -> list[tuple[str, int]]:
    """The brackets of a line (outside quotes and comments) left open or closed too
    often: ('{', col) of an opener never closed, ('}', col) of a closer with no opener.
    """
    text = _unquoted(line)
    cut = re.search(r"(^|\s)#", text)
    if cut:
        text = text[: cut.start()]
    stack: list[tuple[str, int]] = []
    extra: list[tuple[str, int]] = []
    for c, ch in enumerate(text):
        if ch in "{[":
            stack.append((ch, c))
        elif ch in "}]":
            if stack and stack[-1][0] == {"}": "{", "]": "["}[ch]:
                stack.pop()
            else:
                extra.append((ch, c))
    return stack + extra


def _characters(err: _Error, lines: list[str], i: int, first: int = 0) -> Syntax | None:
    """A stray or missing character: a line that starts with ':' or '>', a '-' or ':'
    without its space, a bracket left open or closed twice, a ':' where a value belongs.
    """
    line = lines[i] if i < len(lines) else ""
    content = line.strip()
    ind = _indent(line)
    top = next((ln for ln in lines if _is_content(ln)), "")
    if _KEY.match(top) and not _ITEM.match(top):  # a file of keys: no item at the edge
        for j in range(first, min(i + 1, len(lines))):
            if _ITEM.match(lines[j]) and _indent(lines[j]) == 0:
                return Syntax(
                    j + 1,
                    1,
                    f"line {j + 1} is a list item ('- …') at the left edge, where the file "
                    "has its top-level keys (meta:, actors:, …): indent it under the key "
                    "whose list it belongs to",
                )
    if content.startswith(":"):
        return Syntax(
            i + 1,
            ind + 1,
            f"line {i + 1} starts with ':': remove it (a key is written 'name: value')",
        )
    if content[:1] in (">", "|") and _KEY.match(line[ind + 1 :]):
        return Syntax(
            i + 1,
            ind + 1,
            f"'{content[0]}' at the start of line {i + 1} begins a block of text: remove it",
        )
    dash = re.match(r"-([^\s\d.-])", content)
    if dash:
        return Syntax(
            i + 1,
            ind + 1,
            f"a list item needs a space after '-': - {content[1:].lstrip()}",
        )
    for j in sorted({i, err.cline if err.cline is not None else i}):
        if j >= len(lines):
            continue
        for ch, c in _brackets(lines[j]):
            if ch in "{[" and (j < err.line or c < err.col):
                close = "}" if ch == "{" else "]"
                return Syntax(
                    j + 1,
                    c + 1,
                    f"the '{ch}' on line {j + 1} is never closed: end it with '{close}' on the "
                    f"same line (is a closing '{close}' missing?)",
                )
            if ch in "}]":
                return Syntax(j + 1, c + 1, f"an extra '{ch}' on line {j + 1}: remove it")
    for j in sorted({i, err.cline if err.cline is not None else i}):
        if j >= len(lines):
            continue
        m = re.search(r"(^|[\s{,])([A-Za-z_][\w-]*):([^\s/][^,}\]]*)", _unquoted(lines[j]))
        if m and ("expected ':'" in err.problem or "unexpected ':'" in err.problem):
            return Syntax(
                j + 1,
                m.start(2) + 1,
                f"a key needs a space after its ':': {m.group(2)}: {m.group(3).strip()}",
            )
    if "expected node content" in err.problem and err.col < len(line):
        ch = line[err.col]
        return Syntax(
            err.line + 1,
            err.col + 1,
            f"'{ch}' where a value belongs: remove it, or put a text with '{ch}' in quotes",
        )
    return None


def _fallback(err: _Error, what: str) -> str:
    """The parser's own words, with where the unfinished part began."""
    if err.context and err.cline is not None and err.cline != err.line:
        return (
            f"YAML syntax: {what} ({err.context} that starts at line {err.cline + 1}, "
            f"column {(err.ccol or 0) + 1})"
        )
    return f"YAML syntax: {what}"


def explain_exc(exc: yaml.MarkedYAMLError, text: str) -> Syntax:
    """`explain` for an exception of a parse of the whole `text`."""
    return explain(_error(exc), text.split("\n"))


# -- reading past errors -----------------------------------------------------------------

# a test sets this to let an exception in `recover` through (in use, the error of the
# whole file is reported instead)
RAISE_IN_RECOVERY = False
UNREADABLE_TAG = "\x00unreadable"
HIDDEN_KEY = "\x00line-"  # the key of a part whose key cannot be read
_ID = re.compile(r"(?:^|[{,\s])id:\s*['\"]?([a-z0-9][a-z0-9-]*)")


@dataclass
class _Part:
    """Lines [start, end) of the text: a key with its value, or a list entry."""

    start: int
    end: int


def _effective(lines: list[str]) -> list[int]:
    """Each line's indentation for splitting a file into parts: a line indented with a tab
    (reported on its own) is taken as a sibling of the line above, or as the first line of
    the block the line above opens, so that it does not swallow the parts after it.
    """
    out = [_indent(ln) for ln in lines]
    for i, ln in enumerate(lines):
        if "\t" not in ln[: len(ln) - len(ln.lstrip(" \t"))] or not _is_content(ln):
            continue
        prev = _previous(lines, i)
        nxt = next((j for j in range(i + 1, len(lines)) if _is_content(lines[j])), None)
        if prev is None:
            out[i] = 0
        elif _opens_block(ln.lstrip(" \t")) and nxt is not None:
            out[i] = max(0, out[nxt] - 2)  # a key opening a block: above its children
        elif _opens_block(lines[prev]):
            deeper = nxt is not None and out[nxt] > out[prev]
            out[i] = out[nxt] if deeper else out[prev] + 2  # type: ignore[index]
        else:
            out[i] = out[prev]
    return out


def _parts(
    lines: list[str], start: int, end: int, indent: int | None, eff: list[int]
) -> list[_Part] | None:
    """Split lines [start, end) at the lines that start an entry at `indent` (None: the
    smallest indentation there); None when something else stands between them.
    """
    content = [j for j in range(start, end) if _is_content(lines[j])]
    if not content:
        return []
    if indent is None:
        indent = min(eff[j] for j in content)
    heads = [j for j in content if eff[j] == indent]
    if not heads or heads[0] != content[0]:
        return None
    out = []
    for a, b in zip(heads, heads[1:] + [end], strict=True):
        out.append(_Part(a, b))
    return out


def _compose(snippet: str) -> yaml.Node | None:
    return yaml.compose(snippet, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


def _shift(node: yaml.Node, starts: list[int], offset: int) -> None:
    """Move the marks of a node parsed from a snippet to the file's lines and offsets: the
    snippet's line n is the file's line `offset + n`, in the same column.
    """
    seen: set[int] = set()
    stack = [node]
    last = len(starts) - 1
    while stack:
        n = stack.pop()
        if id(n) in seen:
            continue
        seen.add(id(n))
        for attr in ("start_mark", "end_mark"):
            m = getattr(n, attr, None)
            if m is not None:
                line = min(m.line + offset, last)
                setattr(n, attr, _MARK(m.name, starts[line] + m.column, line, m.column, None, None))
        if isinstance(n, yaml.MappingNode):
            for k, v in n.value:
                stack.extend((k, v))
        elif isinstance(n, yaml.SequenceNode):
            stack.extend(n.value)


class _Recovery:
    def __init__(self, text: str):
        self.text = text
        self.lines = text.split("\n")
        self.starts = [0]
        for ln in self.lines:
            self.starts.append(self.starts[-1] + len(ln) + 1)
        self.errors: list[Syntax] = []
        self.eff = _effective(self.lines)

    def parse(self, head: int | None, part: _Part) -> yaml.Node | _Error:
        """Parse a part alone (under the key on line `head`, when given): the node of the
        part, or the error.
        """
        body = "\n".join(self.lines[part.start : part.end])
        if head is None:
            snippet, offset = body, part.start
        else:
            # the key line, then empty lines up to the part: the snippet's lines are the
            # file's, counted from the key line
            snippet, offset = self.lines[head] + "\n" * (part.start - head) + body, head
        try:
            node = _compose(snippet)
        except yaml.MarkedYAMLError as exc:
            return _error(exc, offset)
        except (yaml.YAMLError, RecursionError):
            return _Error("not valid YAML", part.start, 0, "", None, None)
        if node is None:
            return _Error("empty", part.start, 0, "", None, None)
        _shift(node, self.starts, offset)
        return node

    def placeholder(self, part: _Part, entry: bool = False) -> yaml.ScalarNode:
        """The node of a part that cannot be read; for a list entry, with the id its
        text seems to give.
        """
        body = "\n".join(self.lines[part.start : part.end])
        m = _ID.search(body) if entry else None
        col = _indent(self.lines[part.start])
        mark = _MARK(None, self.starts[part.start] + col, part.start, col, None, None)
        return yaml.ScalarNode(UNREADABLE_TAG, m.group(1) if m else "", mark, mark)

    def report(self, err: _Error, first: int) -> None:
        found = explain(err, self.lines, first)
        if all((e.line, e.col) != (found.line, found.col) for e in self.errors):
            self.errors.append(found)

    def top(self) -> yaml.MappingNode | None:
        parts = _parts(self.lines, 0, len(self.lines), 0, self.eff)
        if not parts or any(_ITEM.match(self.lines[p.start]) for p in parts):
            return None
        pairs: list[tuple[yaml.Node, yaml.Node]] = []
        for part in parts:
            pairs.extend(self.block(part))
        if not pairs:
            return None
        return yaml.MappingNode(
            "tag:yaml.org,2002:map", pairs, pairs[0][0].start_mark, pairs[-1][1].end_mark
        )

    def key_node(self, line_no: int) -> yaml.ScalarNode | None:
        line = self.lines[line_no]
        m = _KEY.match(line)
        if not m or _ITEM.match(line):
            return None
        col = len(m.group("ind"))
        mark = _MARK(None, self.starts[line_no] + col, line_no, col, None, None)
        return yaml.ScalarNode("tag:yaml.org,2002:str", m.group("key").strip("'\""), mark, mark)

    def block(self, part: _Part) -> list[tuple[yaml.Node, yaml.Node]]:
        """The key-value pairs of a top-level part, what could be read of them."""
        node = self.parse(None, part)
        if isinstance(node, yaml.MappingNode):
            return list(node.value)
        if not isinstance(node, _Error):
            return []
        key = self.key_node(part.start)
        if key is None:  # not even its key can be read: it may hold any key
            self.report(node, part.start)
            col = _indent(self.lines[part.start])
            mark = _MARK(None, self.starts[part.start] + col, part.start, col, None, None)
            key = yaml.ScalarNode("tag:yaml.org,2002:str", f"{HIDDEN_KEY}{part.start}", mark, mark)
            return [(key, self.placeholder(part))]
        head_line = self.lines[part.start]
        inner = _parts(self.lines, part.start + 1, part.end, None, self.eff)
        if _has_inline_value(head_line) or not inner or self.eff[inner[0].start] == 0:
            self.report(node, part.start)
            return [(key, self.placeholder(part))]
        value = self.children(part.start, inner)
        if value is None:
            self.report(node, part.start)
            return [(key, self.placeholder(part))]
        return [(key, value)]

    def children(self, head: int, parts: list[_Part]) -> yaml.Node | None:
        """The list or map under the key on line `head`, entry by entry: an entry that
        cannot be read alone becomes a placeholder. None when no entry is to blame.
        """
        is_list = bool(_ITEM.match(self.lines[parts[0].start]))
        if any(bool(_ITEM.match(self.lines[p.start])) != is_list for p in parts):
            return None
        nodes: list[Any] = []
        failed: list[tuple[_Error, int]] = []
        for group in self.groups(head, parts):
            if isinstance(group, tuple):
                node, part = group
                if is_list:
                    nodes.append(self.placeholder(part, entry=True))
                else:
                    key = self.key_node(part.start)
                    if key is None:
                        return None
                    nodes.append((key, self.placeholder(part)))
                failed.append((node, part.start))
                continue
            inner = group.value[0][1]  # {head key: [entries] or {entries}}
            nodes.extend(inner.value)
        if not failed:
            return None
        for node, start in failed:
            self.report(node, start)
        col = _indent(self.lines[parts[0].start])
        first = self.starts[parts[0].start] + col
        mark = _MARK(None, first, parts[0].start, col, None, None)
        if is_list:
            return yaml.SequenceNode("tag:yaml.org,2002:seq", nodes, mark, mark)
        return yaml.MappingNode("tag:yaml.org,2002:map", nodes, mark, mark)

    def groups(self, head: int, parts: list[_Part]) -> list[Any]:
        """Parse runs of entries together and halve a run that fails, so a long list with
        one mistake costs about log(n) parses of it, not n.
        """
        stack = [(0, len(parts))]
        out: dict[int, object] = {}
        while stack:
            a, b = stack.pop()
            run = _Part(parts[a].start, parts[b - 1].end)
            node = self.parse(head, run)
            ok = (
                isinstance(node, yaml.MappingNode)
                and len(node.value) == 1
                and isinstance(node.value[0][1], yaml.SequenceNode | yaml.MappingNode)
            )
            if ok:
                out[a] = node
            elif b - a == 1:
                out[a] = (
                    node
                    if isinstance(node, _Error)
                    else _Error("not valid YAML", parts[a].start, 0, "", None, None),
                    parts[a],
                )
            else:
                mid = (a + b) // 2
                stack.extend(((mid, b), (a, mid)))
        return [out[k] for k in sorted(out)]


def recover(text: str) -> tuple[yaml.MappingNode | None, list[Syntax]]:
    """Read what can be read of a file that does not parse: the node of the whole file
    with placeholders (tag `UNREADABLE_TAG`) where parts could not be read, and the
    errors, one for each unreadable part. (None, []) when the file cannot be split into
    parts (then report the error of the whole file).
    """
    r = _Recovery(text)
    try:
        node = r.top()
    except RecursionError:
        return None, []
    except Exception:  # noqa: BLE001 - a best-effort extra: the whole file's error stands
        if RAISE_IN_RECOVERY:
            raise
        return None, []
    if node is None or not r.errors:
        return None, []
    return node, r.errors
