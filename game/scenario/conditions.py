"""The condition language of event cards: a tiny expression parser (never `eval`).

Grammar (lowest precedence first)::

    expr    := or
    or      := and ("or" and)*
    and     := not ("and" not)*
    not     := "not" not | compare
    compare := sum (("<" | "<=" | ">" | ">=" | "==" | "!=") sum)?
    sum     := product (("+" | "-") product)*
    product := unary (("*" | "/") unary)*
    unary   := "-" unary | atom
    atom    := NUMBER | "true" | "false" | VARIABLE | NAME "(" [arg ("," arg)*] ")" | "(" expr ")"
    arg     := 'id' | "id"

Examples: ``gap('population-vitality') > 30``,
``year >= 2030 and indicator('employment', 'eastern-border') < 45``, ``not funded('rail')``.

With a `spans` dict, the parser also records where each node's text starts and ends
(1-based columns, end exclusive) under the node's `id()`, so the checks can point at the
part of a condition that can never hold.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from game.scenario.problems import did_you_mean, unknown_suffix
from game.sim.conditions import FUNCTIONS, VARIABLES

MAX_LENGTH = 2000
MAX_DEPTH = 40

_TOKEN = re.compile(
    r"\s*(?:(?P<num>\d+(?:\.\d+)?)|(?P<str>'[^']*'|\"[^\"]*\")|(?P<name>[A-Za-z_][A-Za-z_0-9]*)"
    r"|(?P<op><=|>=|==|!=|[<>+\-*/(),]))"
)


# what people used to other languages type, and what this one wants instead
_HINTS = {
    "=": ": write '==' to compare",
    "&": ": write 'and'",
    "|": ": write 'or'",
    "!": ": write 'not' (or '!=' for 'is not equal')",
    "%": ": percentages are plain numbers here (indicators run 0..100)",
    ",": ": decimals take a point, like 0.5",
}


_PLURAL = {"region_type": "region types"}

# a bare id is the most common slip: say which function takes it
_ID_HINTS = {
    "indicator": "an indicator: write mean('{id}'), min('{id}') or indicator('{id}', 'REGION')",
    "package": "a package: write funded('{id}')",
    "event": "an event: write fired('{id}')",
    "actor": "an actor: write budget('{id}') or trust('{id}', 'OTHER')",
}


class ConditionError(ValueError):
    """A condition that cannot be parsed; `col` is the 1-based column in the expression.

    `errors` holds every problem found, (message, col) in the order of the text: the parser
    goes on after a wrong name, a wrong operator or an id that does not exist, and stops
    only where the structure itself is broken (a missing ')', a value missing).
    """

    def __init__(self, message: str, col: int, errors: list[tuple[str, int]] | None = None):
        super().__init__(message)
        self.col = col
        self.errors = errors or [(message, col)]


class _Soft:
    """Problems the parser notes and reads past."""

    def __init__(self) -> None:
        self.errors: list[tuple[str, int]] = []

    def note(self, message: str, col: int) -> None:
        self.errors.append((message, col))

    def fail(self, hard: ConditionError | None = None) -> ConditionError:
        errors = sorted(self.errors + ([(str(hard), hard.col)] if hard else []), key=lambda e: e[1])
        first = errors[0]
        return ConditionError(first[0], first[1], errors)


# what people used to other languages type, read as what they meant
_MEANT = {"=": ("op", "=="), "&": ("name", "and"), "|": ("name", "or"), "!": ("name", "not")}
_DECIMAL = re.compile(r"\d+,\d+")
_WORDS = ("and", "or", "not", "true", "false")


@dataclass
class _Tok:
    kind: str
    text: str
    col: int


def _tokenize(text: str, soft: _Soft) -> list[_Tok]:
    out, pos = [], 0
    while pos < len(text):
        if text[pos:].strip() == "":
            break
        col = pos + 1 + (len(text[pos:]) - len(text[pos:].lstrip()))
        decimal = _DECIMAL.match(text, col - 1)
        if decimal:  # 0,5: a decimal comma (ids are quoted, so never digits and a comma)
            whole, frac = decimal.group().split(",")
            soft.note(f"decimals take a point, like {whole}.{frac}", col + len(whole))
            out.append(_Tok("num", f"{whole}.{frac}", col))
            pos = decimal.end()
            continue
        if text[col - 1 : col + 1] in ("=<", "=>"):  # the order of the signs swapped
            meant = text[col] + "="
            soft.note(f"write '{meant}' (the '=' comes second)", col)
            out.append(_Tok("op", meant, col))
            pos = col + 1
            continue
        m = _TOKEN.match(text, pos)
        if not m or m.end() == pos:
            ch = text[col - 1]
            message = f"unexpected character {ch!r}{_HINTS.get(ch, '')}"
            if ch not in _MEANT:
                soft.note(message, col)
                raise soft.fail()
            soft.note(message, col)
            kind, meant = _MEANT[ch]
            double = text[col : col + 1] == ch and ch in "&|"  # && and ||
            out.append(_Tok(kind, meant, col))
            pos = col + (1 if double else 0)
            continue
        kind = m.lastgroup or "op"
        start = m.start(kind)
        word = m.group(kind)
        if kind == "name" and word != word.lower() and word.lower() in (*_WORDS, *VARIABLES):
            soft.note(f"write '{word.lower()}' in lowercase", start + 1)
            word = word.lower()
        out.append(_Tok(kind, word, start + 1))
        pos = m.end()
    out.append(_Tok("end", "", len(text) + 1))
    return out


class _Parser:
    def __init__(
        self,
        text: str,
        ids: Mapping[str, Sequence[str]],
        spans: dict[int, tuple[int, int]] | None = None,
        open_kinds: Collection[str] = (),
    ):
        self.soft = _Soft()
        self.toks = _tokenize(text, self.soft)
        self.i = 0
        self.ids = ids
        self.open = open_kinds
        self.depth = 0
        self.spans = spans

    def mark(self, node: tuple[Any, ...], start: int) -> tuple[Any, ...]:
        """Record the columns a node's text covers (when spans are wanted)."""
        if self.spans is not None:
            last = self.toks[self.i - 1]
            self.spans[id(node)] = (start, last.col + len(last.text))
        return node

    def peek(self) -> _Tok:
        return self.toks[self.i]

    def take(self, text: str | None = None) -> _Tok:
        tok = self.toks[self.i]
        if text is not None and tok.text != text:
            found = tok.text or "the end"
            raise ConditionError(f"expected '{text}' but found '{found}'", tok.col)
        self.i += 1
        return tok

    def parse(self) -> tuple[Any, ...]:
        try:
            node = self.expr()
            tok = self.peek()
            if tok.kind != "end":
                hint = ""
                if tok.text == ",":
                    hint = ": decimals take a point, like 0.5"
                raise ConditionError(
                    f"unexpected '{tok.text}' after a complete expression{hint}", tok.col
                )
        except ConditionError as err:
            raise self.soft.fail(err) from None
        if self.soft.errors:
            raise self.soft.fail()
        return node

    def note(self, message: str, col: int) -> tuple[Any, ...]:
        """Note a problem the parser can read past; a stand-in value for the part."""
        self.soft.note(message, col)
        return ("num", 0.0)

    def expr(self) -> tuple[Any, ...]:
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise ConditionError("the expression nests too deeply", self.peek().col)
        try:
            return self.binary_or()
        finally:
            self.depth -= 1

    def binary_or(self) -> tuple[Any, ...]:
        start = self.peek().col
        node = self.binary_and()
        while self.peek().text == "or":
            self.take()
            node = self.mark(("bin", "or", node, self.binary_and()), start)
        return node

    def binary_and(self) -> tuple[Any, ...]:
        start = self.peek().col
        node = self.unary_not()
        while self.peek().text == "and":
            self.take()
            node = self.mark(("bin", "and", node, self.unary_not()), start)
        return node

    def unary_not(self) -> tuple[Any, ...]:
        if self.peek().text == "not":
            start = self.take().col
            self.depth += 1
            if self.depth > MAX_DEPTH:
                raise ConditionError("the expression nests too deeply", self.peek().col)
            try:
                return self.mark(("not", self.unary_not()), start)
            finally:
                self.depth -= 1
        return self.compare()

    def compare(self) -> tuple[Any, ...]:
        start = self.peek().col
        node = self.sum()
        if self.peek().text in ("<", "<=", ">", ">=", "==", "!="):
            op = self.take().text
            node = self.mark(("bin", op, node, self.sum()), start)
            while self.peek().text in ("<", "<=", ">", ">=", "==", "!="):
                self.soft.note("chain comparisons with 'and'", self.take().col)
                self.sum()
        return node

    def sum(self) -> tuple[Any, ...]:
        start = self.peek().col
        node = self.product()
        while self.peek().text in ("+", "-"):
            op = self.take().text
            node = self.mark(("bin", op, node, self.product()), start)
        return node

    def product(self) -> tuple[Any, ...]:
        start = self.peek().col
        node = self.unary()
        while self.peek().text in ("*", "/"):
            op = self.take().text
            node = self.mark(("bin", op, node, self.unary()), start)
        return node

    def unary(self) -> tuple[Any, ...]:
        if self.peek().text == "-":
            start = self.take().col
            self.depth += 1
            if self.depth > MAX_DEPTH:
                raise ConditionError("the expression nests too deeply", self.peek().col)
            try:
                return self.mark(("neg", self.unary()), start)
            finally:
                self.depth -= 1
        return self.atom()

    def atom(self) -> tuple[Any, ...]:
        tok = self.take()
        if tok.kind == "num":
            return self.mark(("num", float(tok.text)), tok.col)
        if tok.text == "(":
            node = self.expr()
            self.take(")")
            return node
        if tok.kind == "name":
            if tok.text in ("true", "false"):
                return self.mark(("num", 1.0 if tok.text == "true" else 0.0), tok.col)
            if self.peek().text == "(":
                return self.call(tok)
            if tok.text in VARIABLES:
                return self.mark(("var", tok.text), tok.col)
            if tok.text in FUNCTIONS:
                return self.note(f"'{tok.text}' is a function: write {tok.text}(…)", tok.col)
            if tok.text in ("and", "or"):
                raise ConditionError(f"'{tok.text}' needs a comparison on both sides", tok.col)
            for kind, example in _ID_HINTS.items():
                if tok.text in self.ids.get(kind, ()):
                    return self.note(f"'{tok.text}' is {example.format(id=tok.text)}", tok.col)
            known = list(VARIABLES) + list(FUNCTIONS)
            return self.note(
                f"unknown name '{tok.text}'{did_you_mean(tok.text, known)}"
                f" (known: {', '.join(known)}; ids go in quotes inside a function)",
                tok.col,
            )
        if tok.kind == "str":
            raise ConditionError("a quoted id can only be a function's argument", tok.col)
        raise ConditionError(f"expected a value but found '{tok.text or 'the end'}'", tok.col)

    def call(self, name: _Tok) -> tuple[Any, ...]:
        known_function = name.text in FUNCTIONS
        if not known_function:
            self.soft.note(
                f"unknown function '{name.text}'{did_you_mean(name.text, FUNCTIONS)}"
                f" (known: {', '.join(FUNCTIONS)})",
                name.col,
            )
        kinds = FUNCTIONS.get(name.text, ())
        self.take("(")
        args: list[int] = []
        given = 0
        while self.peek().text != ")":
            if given:
                self.take(",")
            tok = self.take()
            given += 1
            if tok.kind == "end":
                raise ConditionError("expected ')' but found 'the end'", tok.col)
            if not known_function:
                continue
            if tok.kind != "str":
                self.soft.note(f"{name.text}() takes ids in quotes, like {name.text}('…')", tok.col)
                continue
            if given > len(kinds):
                self.soft.note(f"{name.text}() takes {len(kinds)} argument(s)", tok.col)
                continue
            kind = kinds[given - 1]
            value = tok.text[1:-1]
            known = list(self.ids.get(kind, ()))
            if kind in self.open:  # the ids of this kind could not be read
                args.append(0)
            elif value not in known:
                plural = _PLURAL.get(kind, kind + "s")
                self.soft.note(
                    f"unknown {kind.replace('_', ' ')} '{value}' in {name.text}()"
                    f"{unknown_suffix(value, known, plural)}",
                    tok.col,
                )
                args.append(0)
            else:
                args.append(known.index(value))
            if self.peek().kind == "end":
                break
        self.take(")")
        if known_function and given < len(kinds):
            self.soft.note(f"{name.text}() takes {len(kinds)} argument(s)", name.col)
        if len(args) != len(kinds):
            return self.note_only(name.col)
        return self.mark(("call", name.text, tuple(args)), name.col)

    def note_only(self, col: int) -> tuple[Any, ...]:
        """A stand-in value for a call whose problems are noted already."""
        return self.mark(("num", 0.0), col)


def parse_condition(
    text: str,
    ids: Mapping[str, Sequence[str]],
    spans: dict[int, tuple[int, int]] | None = None,
    open_kinds: Collection[str] = (),
) -> tuple[Any, ...]:
    """Parse a condition into the tree `game.sim.conditions` evaluates.

    Args:
        text: the expression.
        ids: kinds (indicator, region_type, actor, package, event) -> the scenario's ids,
            so names are checked and resolved to indices.
        spans: if given, filled with id(node) -> (start, end) columns of each node's text.
        open_kinds: kinds whose ids are not known (they could not be read): any id of
            them is taken.

    Raises:
        ConditionError: with the first problem and its column, and every problem found
            in `errors`.
    """
    if len(text) > MAX_LENGTH:
        raise ConditionError(f"a condition may be at most {MAX_LENGTH} characters", 1)
    if not text.strip():
        raise ConditionError("the condition is empty", 1)
    return _Parser(text, ids, spans, open_kinds).parse()
