"""The environment variables: declared once (embeddings/settings.py), listed exactly in the README."""

import re
import subprocess
import sys
from pathlib import Path

import pytest

from embeddings import settings

ROOT = Path(__file__).resolve().parent.parent


def _readme_variables() -> list[str]:
    """The backquoted names in the first column of the README's Configuration table."""
    section = (ROOT / "README.md").read_text(encoding="utf-8").split("\n## Configuration\n", 1)[1].split("\n## ", 1)[0]
    rows = [line for line in section.splitlines() if line.startswith("| `")]
    return [name for row in rows for name in re.findall(r"`([A-Z][A-Z0-9_]*)`", row.split(" | ")[0])]


def test_the_readme_lists_exactly_the_declared_variables():
    listed = _readme_variables()
    declared = [name for setting in settings.SETTINGS for name in setting.names]
    assert sorted(listed) == sorted(declared)  # a duplicate on either side fails too


def test_every_module_level_setting_is_registered():
    found = {v for v in vars(settings).values() if isinstance(v, settings.Setting)}
    assert found == set(settings.SETTINGS)


def test_values_are_typed_blank_is_unset_and_the_prefixed_name_wins():
    assert settings.MATCH_TOP.get({"TERRIMATCH_MATCH_TOP": "5"}) == 5
    assert settings.MATCH_TOP.get({"TERRIMATCH_MATCH_TOP": "  "}) == 10
    assert settings.SESSION_COOKIE_SECURE.get({"TERRIMATCH_SESSION_COOKIE_SECURE": "false"}) is False
    assert settings.RATELIMIT_PER_WORKER.get({"TERRIMATCH_RATELIMIT_PER_WORKER": "1"}) is True
    both = {"DATABASE_URL": "sqlite:///plain.db", "TERRIMATCH_DATABASE_URL": "sqlite:///ours.db"}
    assert settings.DATABASE_URL.get(both) == "sqlite:///ours.db"
    assert settings.DATABASE_URL.get({"DATABASE_URL": "sqlite:///plain.db"}) == "sqlite:///plain.db"


@pytest.mark.parametrize(
    "setting, raw",
    [(settings.MATCH_TOP, "dix"), (settings.PROXY_HOPS, "-1"), (settings.SESSION_COOKIE_SECURE, "peut-être")],
)
def test_a_bad_value_names_the_variable(setting, raw):
    with pytest.raises(settings.SettingError, match=setting.name):
        setting.get({setting.name: raw})


def test_gunicorn_settings_import_nothing_heavy():
    """The master reads gunicorn.conf.py before fork; numpy imported there would fix every worker's threads."""
    code = "import runpy, sys; runpy.run_path('gunicorn.conf.py'); print('numpy' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"
