"""The engine never imports presentation: no module outside ``present/``, ``cli/`` and
``evaluate/`` imports ``storyline.present`` (read from every source file's imports with ``ast``,
nested and relative imports included). ``evaluate/`` sits above presentation: it runs the whole
product, reports included, as a user does (``evaluate/crisis.py`` reads a run's stories.json)."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "storyline"
#: Sub-packages allowed to import presentation (presentation itself and what sits above it).
ABOVE_ENGINE = {"present", "cli", "evaluate"}


def imported_modules(path: Path, root: Path = PACKAGE) -> list[tuple[int, str]]:
    """(line, absolute module name) of every import in a source file; ``from A import b`` also
    counts as ``A.b`` (``from storyline import present`` imports the package)."""
    parts = ["storyline", *path.relative_to(root).with_suffix("").parts]
    package = parts if path.name == "__init__.py" else parts[:-1]
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = package[: len(package) - node.level + 1] if node.level else []
            module = ".".join([*base, *([node.module] if node.module else [])])
            found += [(node.lineno, module)] + [(node.lineno, f"{module}.{alias.name}") for alias in node.names]
    return found


def presentation_imports(root: Path = PACKAGE) -> list[str]:
    """``FILE:LINE MODULE`` for each import of ``storyline.present`` outside :data:`ABOVE_ENGINE`."""
    found = []
    for path in sorted(root.rglob("*.py")):
        relative = path.relative_to(root)
        if relative.parts[0] in ABOVE_ENGINE:
            continue
        found += [f"{relative}:{line} {module}" for line, module in imported_modules(path, root)
                  if module == "storyline.present" or module.startswith("storyline.present.")]
    return sorted(set(found))


def test_layers_the_engine_never_imports_presentation() -> None:
    assert presentation_imports() == []


def test_layers_the_check_finds_absolute_relative_and_nested_imports(tmp_path: Path) -> None:
    root = tmp_path / "storyline"
    (root / "group").mkdir(parents=True)
    (root / "present").mkdir()
    (root / "group" / "a.py").write_text("from storyline.present import report\n")
    (root / "group" / "b.py").write_text("def f():\n    import storyline.present.web.app\n")
    (root / "group" / "c.py").write_text("from ..present.regroup import sync_store\n")
    (root / "group" / "d.py").write_text("from storyline import present\n")
    (root / "group" / "ok.py").write_text("from storyline.presenter import x\nfrom . import present\n")
    (root / "present" / "e.py").write_text("from storyline.present import report\n")
    found = presentation_imports(root)
    assert sorted({item.split()[0] for item in found}) == ["group/a.py:1", "group/b.py:2", "group/c.py:1",
                                                           "group/d.py:1"]
    assert "group/c.py:1 storyline.present.regroup.sync_store" in found
