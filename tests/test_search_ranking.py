"""Each query phrased from the source page's wording finds its role (or interview) in the top 3, on the
content as it was then (the search_corpus fixture), whatever editors have changed since."""

from pathlib import Path

import pytest
import yaml

from search.services import site_search

pytestmark = pytest.mark.usefixtures("search_corpus")
QUERIES = yaml.safe_load((Path(__file__).parent / "search_queries.yaml").read_text())


def test_the_query_table_is_large_enough():
    assert len(QUERIES) >= 40


@pytest.mark.parametrize("case", QUERIES, ids=[case["query"] for case in QUERIES])
def test_query_finds_its_target_in_the_top_three(case):
    outcome = site_search(query=case["query"])
    top = [(doc.kind, doc.url.strip("/").rsplit("/", 1)[-1]) for doc in outcome.results[:3]]
    assert (case["type"], case["slug"]) in top, f"{case['query']!r} gave {top}"
