"""The project's development cases are the shared ones, byte for byte, and their translations match them."""

import json
from pathlib import Path

import pytest

from training.case_files import DEV_CASES, FRANCE_CASES, translated

SHARED_CASES = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "cases"
# Every field but the description (and the sources, which name the place) is copied unchanged.
TRANSLATION_SKIPS = {"description_fr", "sources"}


@pytest.mark.parametrize("copy", [DEV_CASES, FRANCE_CASES], ids=lambda p: p.name)
def test_the_copy_equals_the_shared_file(copy):
    source = SHARED_CASES / copy.name
    if not SHARED_CASES.is_dir():
        pytest.skip(f"{SHARED_CASES} is not beside this clone: nothing to compare with")
    assert copy.read_bytes() == source.read_bytes(), f"{copy} differs from {source}: copy it again and retrain"


@pytest.mark.parametrize("language", ["de", "en"])
@pytest.mark.parametrize("cases", [DEV_CASES, FRANCE_CASES], ids=lambda p: p.name)
def test_translations_follow_the_french_cases(cases, language):
    french = [json.loads(line) for line in cases.read_text("utf-8").splitlines()]
    other = [json.loads(line) for line in translated(cases, language).read_text("utf-8").splitlines()]
    assert [c["id"] for c in other] == [c["id"] for c in french]
    for fr, tr in zip(french, other, strict=True):
        assert tr[f"description_{language}"].strip()
        assert {k: v for k, v in fr.items() if k not in TRANSLATION_SKIPS} == {
            k: v for k, v in tr.items() if k != f"description_{language}"
        }
