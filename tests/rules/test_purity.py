"""The rules package must run without Django: no module of it may import Django."""

import ast
import subprocess
import sys
from pathlib import Path

import kompetansemidler.rules

PACKAGE = Path(kompetansemidler.rules.__file__).parent


def test_no_module_of_the_rules_package_imports_django():
    offenders = []
    for path in PACKAGE.glob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            offenders += [
                f"{path.name}: {name}"
                for name in names
                if name.split(".")[0] == "django"
                or name.startswith("kompetansemidler")
                and not name.startswith("kompetansemidler.rules")
            ]
    assert offenders == []


def test_importing_every_rules_module_loads_no_django():
    modules = sorted(p.stem for p in PACKAGE.glob("*.py") if p.stem != "__init__")
    script = (
        "import importlib, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module('kompetansemidler.rules.' + name)\n"
        "loaded = sorted(m for m in sys.modules if m == 'django' or m.startswith('django.'))\n"
        "print(loaded)\n"
        "sys.exit(1 if loaded else 0)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        cwd=PACKAGE.parent.parent,
        timeout=60,
    )
    assert result.returncode == 0, result.stdout + result.stderr
