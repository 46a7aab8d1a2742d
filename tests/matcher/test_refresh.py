from embeddings.index import VectorIndex
from matcher.matching.service import refresh_matcher
from matcher.search.passage_index import default_index_dir, index_data_hash, load_index
from matcher.territory import overlays
from matcher.territory.loading import load_territories

NEW_FACT = "Un terminal de fret fluvial pour conteneurs de verre recyclé ouvre sur la Moselle canalisée."


def test_edit_is_searchable_after_refreshing_one_basin(fast_matcher, fresh_home):
    fast_matcher.index.vectors.save(default_index_dir())  # start from the session's built index
    overrides = {"4407": {"sections": {"infrastructure": {"facts": [NEW_FACT], "sources": []}}}}
    overlays.write_overrides(overrides)

    refreshed = refresh_matcher(fast_matcher, {"4407"})

    texts = [p.text for p in refreshed.index.passages if p.basin_code == "4407" and p.section == "infrastructure"]
    assert texts and NEW_FACT in texts[0]
    assert len(refreshed.index.passages) == len(fast_matcher.index.passages)
    query = refreshed.embedder.encode([NEW_FACT])
    _, ids = refreshed.index.vectors.search(query, 1)
    assert refreshed.index.passages[ids[0][0]].basin_code == "4407"
    # Another process (the CLI) loads the saved index as fresh: same data hash, no rebuild.
    territories = load_territories()
    reloaded = load_index(territories, refreshed.embedder, progress=False)
    assert reloaded.vectors.meta.data_hash == index_data_hash(territories)
    assert reloaded.vectors.meta.index_sha256 == refreshed.index.vectors.meta.index_sha256


def test_an_index_saved_before_passages_kept_their_source_titles_is_rebuilt(fast_matcher, fresh_home):
    territories = load_territories()
    old = fast_matcher.index.vectors
    payload = [{k: v for k, v in vars(p).items() if k != "source_titles"} for p in fast_matcher.index.passages]
    VectorIndex.build(
        old.stored_vectors(),
        payload,
        embedder_name=fast_matcher.embedder.name,
        data_hash=territories.data_hash,
        kind=old.meta.kind,
    ).save(default_index_dir())

    loaded = load_index(territories, fast_matcher.embedder, progress=False)

    assert loaded.vectors.meta.data_hash == index_data_hash(territories)
    fabric = [p for p in loaded.passages if p.basin_code == "4425" and p.section == "industrial_fabric"]
    assert any("textile" in title for title in fabric[0].source_titles)


def test_signature_changes_when_overrides_are_written(fresh_home):
    before = overlays.overrides_signature()
    overlays.write_overrides({"4401": {"figures": {"population_2021": 1.0}}})
    assert overlays.overrides_signature() != before


def test_a_second_worker_loads_the_index_the_first_one_saved(fast_matcher, fresh_home):
    fast_matcher.index.vectors.save(default_index_dir())
    overrides = {"4407": {"sections": {"infrastructure": {"facts": [NEW_FACT], "sources": []}}}}
    overlays.write_overrides(overrides)
    first = refresh_matcher(fast_matcher, {"4407"})  # the worker that took the edit re-embeds and saves
    saved_meta = default_index_dir() / "meta.json"
    written = saved_meta.stat().st_ino

    second = refresh_matcher(fast_matcher, {"4407"})  # another worker, still on the old index, follows

    assert saved_meta.stat().st_ino == written  # not written again
    assert second.index.version == first.index.version
    texts = [p.text for p in second.index.passages if p.basin_code == "4407" and p.section == "infrastructure"]
    assert NEW_FACT in texts[0]
