"""Seams of the code base that a change could quietly undo."""

import ast
import re
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "journal"
VIEW_MODULES = sorted(PACKAGE.glob("*/views.py")) + [PACKAGE / "home.py", PACKAGE / "settings.py"]


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text())
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return found


def test_views_never_import_views():
    view_names = {".".join(p.relative_to(PACKAGE.parent).with_suffix("").parts) for p in VIEW_MODULES}
    for path in VIEW_MODULES:
        assert not (_imports(path) & view_names), f"{path} imports a view module"


def test_the_candidate_owned_fields_are_named_in_one_place():
    spelled_out = re.compile(r'(\(|"employer",)\s*"industries",\s*"skills"')  # a tuple of them, not a mention
    owners = [
        path.relative_to(PACKAGE).as_posix() for path in PACKAGE.rglob("*.py") if spelled_out.search(path.read_text())
    ]
    assert owners == ["domain/updates.py"]


def test_timings_live_in_the_performance_notes_not_in_code_comments():
    measured = re.compile(r"#.*\b\d+(\.\d+)? ?(ms|µs)\b")
    found = [
        f"{path}:{n}"
        for path in PACKAGE.rglob("*.py")
        for n, line in enumerate(path.read_text().splitlines(), 1)
        if measured.search(line)
    ]
    assert found == []
