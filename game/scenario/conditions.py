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
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from game.scenario.problems import did_you_mean
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


# a bare id is the most common slip: say which function takes it
_ID_HINTS = {
    "indicator": "an indicator: write mean('{id}'), min('{id}') or indicator('{id}', 'REGION')",
    "package": "a package: write funded('{id}')",
    "event": "an event: write fired('{id}')",
    "actor": "an actor: write budget('{id}') or trust('{id}', 'OTHER')",
}


class ConditionError(ValueError):
    """A condition that cannot be parsed; `col` is the 1-based column in the expression."""

    def __init__(self, message: str, col: int):
        super().__init__(message)
        self.col = col


@dataclass
class _Tok:
    kind: str
    text: str
    col: int


def _tokenize(text: str) -> list[_Tok]:
    out, pos = [], 0
    while pos < len(text):
        if text[pos:].strip() == "":
            break
        m = _TOKEN.match(text, pos)
        if not m or m.end() == pos:
            col = pos + 1 + (len(text[pos:]) - len(text[pos:].lstrip()))
            ch = text[col - 1]
            raise ConditionError(f"unexpected character {ch!r}{_HINTS.get(ch, '')}", col)
        kind = m.lastgroup or "op"
        start = m.start(kind)
        out.append(_Tok(kind, m.group(kind), start + 1))
        pos = m.end()
    out.append(_Tok("end", "", len(text) + 1))
    return out


class _Parser:
    def __init__(
        self,
        text: str,
        ids: Mapping[str, Sequence[str]],
        spans: dict[int, tuple[int, int]] | None = None,
    ):
        self.toks = _tokenize(text)
        self.i = 0
        self.ids = ids
        self.depth = 0
        self.spans = spans

    def mark(self, node: tuple, start: int) -> tuple:
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

    def parse(self) -> tuple:
        node = self.expr()
        tok = self.peek()
        if tok.kind != "end":
            hint = ""
            if tok.text.lower() in ("and", "or", "not"):
                hint = f": write '{tok.text.lower()}' in lowercase"
            elif tok.text == ",":
                hint = ": decimals take a point, like 0.5"
            raise ConditionError(
                f"unexpected '{tok.text}' after a complete expression{hint}", tok.col
            )
        return node

    def expr(self) -> tuple:
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise ConditionError("the expression nests too deeply", self.peek().col)
        try:
            return self.binary_or()
        finally:
            self.depth -= 1

    def binary_or(self) -> tuple:
        start = self.peek().col
        node = self.binary_and()
        while self.peek().text == "or":
            self.take()
            node = self.mark(("bin", "or", node, self.binary_and()), start)
        return node

    def binary_and(self) -> tuple:
        start = self.peek().col
        node = self.unary_not()
        while self.peek().text == "and":
            self.take()
            node = self.mark(("bin", "and", node, self.unary_not()), start)
        return node

    def unary_not(self) -> tuple:
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

    def compare(self) -> tuple:
        start = self.peek().col
        node = self.sum()
        if self.peek().text in ("<", "<=", ">", ">=", "==", "!="):
            op = self.take().text
            node = self.mark(("bin", op, node, self.sum()), start)
            if self.peek().text in ("<", "<=", ">", ">=", "==", "!="):
                raise ConditionError("chain comparisons with 'and'", self.peek().col)
        return node

    def sum(self) -> tuple:
        start = self.peek().col
        node = self.product()
        while self.peek().text in ("+", "-"):
            op = self.take().text
            node = self.mark(("bin", op, node, self.product()), start)
        return node

    def product(self) -> tuple:
        start = self.peek().col
        node = self.unary()
        while self.peek().text in ("*", "/"):
            op = self.take().text
            node = self.mark(("bin", op, node, self.unary()), start)
        return node

    def unary(self) -> tuple:
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

    def atom(self) -> tuple:
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
                raise ConditionError(f"'{tok.text}' is a function: write {tok.text}(…)", tok.col)
            if tok.text in ("and", "or"):
                raise ConditionError(f"'{tok.text}' needs a comparison on both sides", tok.col)
            if tok.text.lower() in ("and", "or", "not", "true", "false", *VARIABLES):
                raise ConditionError(f"write '{tok.text.lower()}' in lowercase", tok.col)
            for kind, example in _ID_HINTS.items():
                if tok.text in self.ids.get(kind, ()):
                    raise ConditionError(f"'{tok.text}' is {example.format(id=tok.text)}", tok.col)
            known = list(VARIABLES) + list(FUNCTIONS)
            raise ConditionError(
                f"unknown name '{tok.text}'{did_you_mean(tok.text, known)}"
                f" (known: {', '.join(known)}; ids go in quotes inside a function)",
                tok.col,
            )
        if tok.kind == "str":
            raise ConditionError("a quoted id can only be a function's argument", tok.col)
        raise ConditionError(f"expected a value but found '{tok.text or 'the end'}'", tok.col)

    def call(self, name: _Tok) -> tuple:
        if name.text not in FUNCTIONS:
            raise ConditionError(
                f"unknown function '{name.text}'{did_you_mean(name.text, FUNCTIONS)}"
                f" (known: {', '.join(FUNCTIONS)})",
                name.col,
            )
        kinds = FUNCTIONS[name.text]
        self.take("(")
        args: list[int] = []
        while self.peek().text != ")":
            if args:
                self.take(",")
            tok = self.take()
            if tok.kind != "str":
                raise ConditionError(
                    f"{name.text}() takes ids in quotes, like {name.text}('…')", tok.col
                )
            if len(args) >= len(kinds):
                raise ConditionError(f"{name.text}() takes {len(kinds)} argument(s)", tok.col)
            kind = kinds[len(args)]
            value = tok.text[1:-1]
            known = list(self.ids.get(kind, ()))
            if value not in known:
                raise ConditionError(
                    f"unknown {kind.replace('_', ' ')} '{value}' in {name.text}()"
                    f"{did_you_mean(value, known)}",
                    tok.col,
                )
            args.append(known.index(value))
            if self.peek().kind == "end":
                break
        self.take(")")
        if len(args) != len(kinds):
            raise ConditionError(f"{name.text}() takes {len(kinds)} argument(s)", name.col)
        return self.mark(("call", name.text, tuple(args)), name.col)


def parse_condition(
    text: str,
    ids: Mapping[str, Sequence[str]],
    spans: dict[int, tuple[int, int]] | None = None,
) -> tuple:
    """Parse a condition into the tree `game.sim.conditions` evaluates.

    Args:
        text: the expression.
        ids: kinds (indicator, region_type, actor, package, event) -> the scenario's ids,
            so names are checked and resolved to indices.
        spans: if given, filled with id(node) -> (start, end) columns of each node's text.

    Raises:
        ConditionError: with a message and the column of the problem.
    """
    if len(text) > MAX_LENGTH:
        raise ConditionError(f"a condition may be at most {MAX_LENGTH} characters", 1)
    if not text.strip():
        raise ConditionError("the condition is empty", 1)
    return _Parser(text, ids, spans).parse()
