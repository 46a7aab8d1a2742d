"""The house's one-way streets (import-linter's contracts) and ARCHITECTURE.md naming every room."""

import re
import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("embeddings", "matcher", "training", "web")


def _contracts() -> dict[str, dict]:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["importlinter"]
    return {contract["id"]: contract for contract in config["contracts"]}


def _rooms_named_in_architecture() -> list[str]:
    text = (ROOT / "ARCHITECTURE.md").read_text(encoding="utf-8")
    return re.findall(r"^#{2,3} `([\w/]+)/`", text, flags=re.M)


def test_every_import_contract_is_kept():
    # In a child process: import-linter reconfigures logging, which would silence other tests' caplog.
    linter = "import sys; from importlinter.cli import lint_imports; sys.exit(lint_imports(no_cache=True))"
    run = subprocess.run([sys.executable, "-c", linter], cwd=ROOT, capture_output=True, text=True, check=False)
    assert run.returncode == 0, run.stdout + run.stderr


def test_the_contracts_cover_the_four_packages_in_order():
    assert _contracts()["packages"]["layers"] == ["web", "training", "matcher", "embeddings"]


def test_architecture_names_every_package_and_sub_package_and_no_other():
    inits = [init for package in PACKAGES for init in (ROOT / package).rglob("__init__.py")]
    on_disk = {str(init.parent.relative_to(ROOT)) for init in inits}
    assert set(_rooms_named_in_architecture()) == on_disk


def test_architecture_lists_matcher_rooms_in_the_order_the_contract_enforces():
    rooms = [name.split("/")[1] for name in _rooms_named_in_architecture() if name.startswith("matcher/")]
    layered = [room.strip() for layer in _contracts()["matcher-rooms"]["layers"] for room in layer.split("|")]
    assert rooms == layered
