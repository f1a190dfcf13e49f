"""The held-out visitor-words set (tests/search_heldout.yaml, written before tuning): thresholds the
search must keep. Print the figures with ``pytest tests/test_search_quality.py -s``."""

from tests.search_quality import score, summary


def test_the_held_out_set_keeps_its_scores():
    report = score()
    print("\n" + summary(report))
    assert report["intent"]["count"] >= 40 and report["typos"]["count"] >= 20 and report["off_topic"]["count"] >= 10
    assert report["intent"]["top3"] >= 0.85 and report["intent"]["mrr"] >= 0.78
    assert report["alumni"]["top3"] >= 0.8
    assert report["typos"]["top3"] >= 0.9 and report["typos"]["corrected"] >= 0.9
    assert report["false_did_you_mean"]["count"] <= 0.05 * report["false_did_you_mean"]["of"]
    assert report["off_topic"]["handled"] >= 9
