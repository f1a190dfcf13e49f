"""Scores the search on a file of visitor-words queries (tests/search_heldout.yaml and the others): top-3 hit rate
and mean reciprocal rank of the expected results, typo corrections, "did you mean" offered on
correctly spelled queries, and off-topic queries answered with "nothing here" and no suggestion."""

from pathlib import Path

import yaml

from search.services import site_search

HELD_OUT = Path(__file__).with_name("search_heldout.yaml")


def _found(outcome):
    return [f"{doc.kind}:{doc.url.strip('/').rsplit('/', 1)[-1]}" for doc in outcome.results]


def _rank(outcome, expect):
    found = _found(outcome)
    ranks = [found.index(target) + 1 for target in expect if target in found]
    return min(ranks) if ranks else None


def _hits(cases):
    ranks, misses, suggested = [], [], []
    for case in cases:
        outcome = site_search(query=case["query"])
        rank = _rank(outcome, case["expect"])
        ranks.append(rank)
        if rank is None or rank > 3:
            misses.append((case["query"], rank, _found(outcome)[:3]))
        if outcome.suggestion:
            suggested.append((case["query"], outcome.suggestion))
    top3 = sum(1 for rank in ranks if rank and rank <= 3) / len(ranks)
    mrr = sum(1 / rank for rank in ranks if rank) / len(ranks)
    return {"top3": top3, "mrr": mrr, "misses": misses, "suggested": suggested, "count": len(ranks)}


def score(path=HELD_OUT):
    data = yaml.safe_load(path.read_text())
    report = {"intent": _hits(data["intent"]), "alumni": _hits(data["alumni"])}
    typos = _hits(data["typos"])
    corrected = []
    for case in data["typos"]:
        outcome = site_search(query=case["query"])
        corrected.append(outcome.suggestion == case["correction"] or (case["query"], outcome.suggestion))
    typos["corrected"] = sum(1 for ok in corrected if ok is True) / len(corrected)
    typos["wrong_corrections"] = [ok for ok in corrected if ok is not True]
    report["typos"] = typos
    handled, mishandled = 0, []
    for query in data["off_topic"]:
        outcome = site_search(query=query)
        if not outcome.results and not outcome.suggestion:
            handled += 1
        else:
            mishandled.append((query, outcome.suggestion, _found(outcome)[:3]))
    report["off_topic"] = {"handled": handled, "count": len(data["off_topic"]), "mishandled": mishandled}
    spelled = report["intent"]["suggested"] + report["alumni"]["suggested"]
    report["false_did_you_mean"] = {"count": len(spelled), "of": len(data["intent"]) + len(data["alumni"])}
    return report


def summary(report):
    lines = []
    for name in ("intent", "alumni", "typos"):
        part = report[name]
        lines.append(f"{name}: top-3 {part['top3']:.0%} MRR {part['mrr']:.2f} ({part['count']} queries)")
        lines += [f"  miss: {query!r} rank {rank} top {top}" for query, rank, top in part["misses"]]
    lines.append(f"typos corrected: {report['typos']['corrected']:.0%}")
    lines += [f"  wrong correction: {wrong}" for wrong in report["typos"]["wrong_corrections"]]
    spelled = report["false_did_you_mean"]
    lines.append(f"'did you mean' on correctly spelled queries: {spelled['count']} of {spelled['of']}")
    lines += [f"  {query!r} -> {s!r}" for query, s in report["intent"]["suggested"] + report["alumni"]["suggested"]]
    off = report["off_topic"]
    lines.append(f"off-topic answered 'nothing here' without a suggestion: {off['handled']} of {off['count']}")
    lines += [f"  {query!r}: suggestion {s!r}, top {top}" for query, s, top in off["mishandled"]]
    return "\n".join(lines)
