"""The design lives in the repository: docs/design.md points at code that exists, and
nothing in the repository points at design files outside it."""

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DESIGN = ROOT / "docs" / "design.md"
SKIP_DIRS = {".git", ".venv", "__pycache__", ".mypy_cache", ".pytest_cache", ".ruff_cache"}
TEXT_SUFFIXES = {".py", ".md", ".yaml", ".yml", ".toml", ".json", ".po", ".txt", ".cfg", ".j2"}
TEXT_SUFFIXES |= {".html", ".ini", ".css"}
# the outside design inputs, spelt in pieces so that this file does not match itself
OUTSIDE = re.compile(
    "|".join(
        [
            r"\b" + "GAME" + r"\.md\b",
            r"\b" + "DOMAIN" + r"\.md\b",
            r"\b" + "ARCHITECTURE" + r"\.md\b",
            r"\b" + "INTERFACES" + r"\.md\b",
            r"\.\./" + "shared",
            r"/work/" + "shared",
            "shared/" + "design",
            "SEED-" + "deck",
        ]
    )
)
REF = re.compile(r"`((?:game|tests|bench|docs|scenarios|assets)/[\w./-]+?)(?:::(\w+))?`")


def repository_files() -> list[Path]:
    """Every text file of the repository, outside environments and caches."""
    out = []
    for p in ROOT.rglob("*"):
        rel = p.relative_to(ROOT)
        if any(part in SKIP_DIRS or part.endswith(".egg-info") for part in rel.parts):
            continue
        if p.is_file() and (p.suffix in TEXT_SUFFIXES or p.name in {"README", "LICENSE"}):
            out.append(p)
    return out


def outside_references(text: str) -> list[str]:
    """Lines of `text` that name a design file outside the repository."""
    return [line.strip() for line in text.splitlines() if OUTSIDE.search(line)]


def defined_names(path: Path) -> set[str]:
    """Top-level functions, classes and assigned names of a Python file."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in tree.body:
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            names.add(node.name)
        elif isinstance(node, ast.Assign):
            names |= {t.id for t in node.targets if isinstance(t, ast.Name)}
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            names.add(node.target.id)
    return names


def test_nothing_refers_to_design_files_outside_the_repository():
    bad = []
    for p in repository_files():
        for line in outside_references(p.read_text(encoding="utf-8", errors="replace")):
            bad.append(f"{p.relative_to(ROOT)}: {line[:120]}")
    assert not bad, "references outside the repository:\n" + "\n".join(bad)


def test_the_outside_reference_check_catches_each_form():
    for line in (
        "see " + "GAME" + ".md §3",
        "(" + "DOMAIN" + ".md)",
        "as " + "ARCHITECTURE" + ".md lays out",
        "INTERFACES" + ".md",
        "../" + "shared" + "/design/x",
    ):
        assert outside_references(line), line
    assert not outside_references("docs/design.md, the model")


def test_every_code_reference_of_the_design_resolves():
    text = DESIGN.read_text(encoding="utf-8")
    refs = REF.findall(text)
    assert len(refs) > 60, "the design should point at the code"
    missing = []
    for path, name in refs:
        p = ROOT / path
        if not p.exists():
            missing.append(path)
        elif name and p.suffix == ".py" and name not in defined_names(p):
            missing.append(f"{path}::{name}")
    assert not missing, "docs/design.md points at what does not exist: " + ", ".join(missing)


def test_the_design_defines_the_notation():
    text = DESIGN.read_text(encoding="utf-8")
    for symbol in ("x[r,k]", "e[a,t]", "W[a,b]", "I[r,t]", "P[r,t]", "| J, P, Ev, D |", "| G |"):
        assert symbol in text, symbol
    for term in ("lanes", "cooperation dividend", "Deterministic", "Attributed"):
        assert term in text, term
