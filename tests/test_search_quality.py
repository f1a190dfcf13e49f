"""The visitor-words query sets, each written before the search was run on it: the held-out set
(tests/search_heldout.yaml), a fresh set (tests/search_fresh.yaml) and a guard set
(tests/search_guard.yaml, only ever measured). Thresholds the search must keep on each. Print the
figures with ``pytest tests/test_search_quality.py -s``."""

from pathlib import Path

import pytest

from tests.search_quality import score, summary

SETS = ["search_heldout.yaml", "search_fresh.yaml", "search_guard.yaml"]


@pytest.mark.parametrize("name", SETS)
def test_each_query_set_keeps_its_scores(name):
    report = score(Path(__file__).with_name(name))
    print(f"\n{name}\n" + summary(report))
    assert report["intent"]["count"] >= 20 and report["typos"]["count"] >= 6 and report["off_topic"]["count"] >= 6
    assert report["intent"]["top3"] >= 0.9 and report["intent"]["mrr"] >= 0.8
    assert report["alumni"]["top3"] >= 0.9
    assert report["typos"]["top3"] >= 0.9 and report["typos"]["corrected"] >= 0.9
    assert report["false_did_you_mean"]["count"] <= 0.05 * report["false_did_you_mean"]["of"]
    assert report["off_topic"]["handled"] >= 0.9 * report["off_topic"]["count"]
