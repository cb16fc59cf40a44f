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
            raise ConditionError(f"unexpected character {text[col - 1]!r}", col)
        kind = m.lastgroup or "op"
        start = m.start(kind)
        out.append(_Tok(kind, m.group(kind), start + 1))
        pos = m.end()
    out.append(_Tok("end", "", len(text) + 1))
    return out


class _Parser:
    def __init__(self, text: str, ids: Mapping[str, Sequence[str]]):
        self.toks = _tokenize(text)
        self.i = 0
        self.ids = ids
        self.depth = 0

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
            raise ConditionError(f"unexpected '{tok.text}' after a complete expression", tok.col)
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
        node = self.binary_and()
        while self.peek().text == "or":
            self.take()
            node = ("bin", "or", node, self.binary_and())
        return node

    def binary_and(self) -> tuple:
        node = self.unary_not()
        while self.peek().text == "and":
            self.take()
            node = ("bin", "and", node, self.unary_not())
        return node

    def unary_not(self) -> tuple:
        if self.peek().text == "not":
            self.take()
            self.depth += 1
            if self.depth > MAX_DEPTH:
                raise ConditionError("the expression nests too deeply", self.peek().col)
            try:
                return ("not", self.unary_not())
            finally:
                self.depth -= 1
        return self.compare()

    def compare(self) -> tuple:
        node = self.sum()
        if self.peek().text in ("<", "<=", ">", ">=", "==", "!="):
            op = self.take().text
            node = ("bin", op, node, self.sum())
            if self.peek().text in ("<", "<=", ">", ">=", "==", "!="):
                raise ConditionError("chain comparisons with 'and'", self.peek().col)
        return node

    def sum(self) -> tuple:
        node = self.product()
        while self.peek().text in ("+", "-"):
            op = self.take().text
            node = ("bin", op, node, self.product())
        return node

    def product(self) -> tuple:
        node = self.unary()
        while self.peek().text in ("*", "/"):
            op = self.take().text
            node = ("bin", op, node, self.unary())
        return node

    def unary(self) -> tuple:
        if self.peek().text == "-":
            self.take()
            self.depth += 1
            if self.depth > MAX_DEPTH:
                raise ConditionError("the expression nests too deeply", self.peek().col)
            try:
                return ("neg", self.unary())
            finally:
                self.depth -= 1
        return self.atom()

    def atom(self) -> tuple:
        tok = self.take()
        if tok.kind == "num":
            return ("num", float(tok.text))
        if tok.text == "(":
            node = self.expr()
            self.take(")")
            return node
        if tok.kind == "name":
            if tok.text in ("true", "false"):
                return ("num", 1.0 if tok.text == "true" else 0.0)
            if self.peek().text == "(":
                return self.call(tok)
            if tok.text in VARIABLES:
                return ("var", tok.text)
            if tok.text in FUNCTIONS:
                raise ConditionError(f"'{tok.text}' is a function: write {tok.text}(…)", tok.col)
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
        return ("call", name.text, tuple(args))


def parse_condition(text: str, ids: Mapping[str, Sequence[str]]) -> tuple:
    """Parse a condition; `ids` maps kinds (indicator, region_type, actor, package, event)
    to the scenario's ids so names are checked and resolved to indices.

    Raises:
        ConditionError: with a message and the column of the problem.
    """
    if len(text) > MAX_LENGTH:
        raise ConditionError(f"a condition may be at most {MAX_LENGTH} characters", 1)
    if not text.strip():
        raise ConditionError("the condition is empty", 1)
    return _Parser(text, ids).parse()
