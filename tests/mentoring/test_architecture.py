"""The dependency direction of the README's «Устройство»: the core imports no feature app, programs
and roadmap stand side by side, monitoring is on top. CI runs the same contract (.ci/run)."""

import ast
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
FEATURE_APPS = ("participants", "programs", "roadmap", "monitoring")


def test_the_import_contract_holds():
    lint_imports = Path(sys.executable).with_name("lint-imports")
    result = subprocess.run([str(lint_imports), "--no-cache"], cwd=ROOT, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "1 kept, 0 broken" in result.stdout


def test_the_core_names_no_feature_app_even_inside_functions():
    """import-linter sees every import; this reads the core's source to say which file broke it."""
    offenders = []
    for path in (ROOT / "mentoring").rglob("*.py"):
        if "migrations" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            offenders += [f"{path.relative_to(ROOT)}: {n}" for n in names if n.split(".")[0] in FEATURE_APPS]
    assert offenders == []


def test_no_module_is_named_after_a_work_item():
    names = [p.relative_to(ROOT) for app in ("mentoring", *FEATURE_APPS) for p in (ROOT / app).rglob("*outreach*")]
    assert [n for n in names if "migrations" not in n.parts] == []
