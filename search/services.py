"""The portal's one search: roles, interviews and alumni in a single ranked list, plus skills.

``site_search`` never raises for any query text: the text is reduced to plain words before it reaches
a backend (see ``search.text``), and a backend failure is logged and reported as "search is
unavailable" rather than a server error.

Spelling: only words that are not words are corrected (``Vocabulary.knows``). When the query as typed
finds something, its results are shown and the correction is offered as "Search instead for ...";
when it finds nothing, the corrected query's results are shown ("Showing results for ..."). Either
way the visitor's other words are kept.

Off-topic: a query none of whose words is the field's own (``Vocabulary.is_field_stem``) and that
names no synonym finds nothing: the page says what the portal covers instead of listing unrelated
roles under a made-up suggestion.
"""

import logging
from collections import OrderedDict
from dataclasses import dataclass, field, replace
from functools import partial
from itertools import pairwise

from django.db import connection

from wagtail.contrib.search_promotions.models import Query, QueryDailyHits
from wagtail.search.utils import normalise_query_string

from alumni.models import AlumniInterviewPage, Alumnus
from careers.models import RolePage
from portal.freshness import content_version
from search import documents
from search.models import FruitlessSearch
from search.ranking import GENERIC_WEIGHT, SYNONYM_WEIGHT, TYPO_WEIGHT, Term, rank
from search.retrieval import best_matches
from search.text import clean_query, query_words, stem
from search.vocabulary import get_vocabulary

logger = logging.getLogger(__name__)

CANDIDATES = 40
MAX_SKILLS_SHOWN = 12
# Roles' documents are built with the vocabulary; interviews and alumni are read by id (and kept).
LOADERS = {
    AlumniInterviewPage: documents.interview_documents,
    Alumnus: documents.alumnus_documents,
}


@dataclass
class SearchOutcome:
    query: str = ""
    results: list = field(default_factory=list)
    counts: dict = field(default_factory=dict)
    suggestion: str = ""  # the query with its misspelt words corrected
    corrected: bool = False  # True: the results are the suggestion's ("Showing results for")
    off_topic: bool = False
    promoted: list = field(default_factory=list)  # (title, url, description) editors pinned to the query
    skills: list = field(default_factory=list)
    failed: bool = False


@dataclass
class Plan:
    """What to search for: the terms, how many typed words they stand for, the phrases to find."""

    words: list
    terms: list
    positions: int
    phrases: list
    on_topic: bool
    wholes: list = field(default_factory=list)  # the query as typed, and with its typos corrected

    @property
    def search_words(self):
        return sorted(set().union(*(term.variants for term in self.terms))) if self.terms else []


def _add(by_stem, term):
    """Adds ``term`` to ``by_stem``, merged with a term of the same stem (the heavier weight wins)."""
    known = by_stem.get(term.stem)
    if known:
        weight = max(known.weight, term.weight)
        term = Term(known.stem, known.variants | term.variants, known.covers | term.covers, weight)
    by_stem[term.stem] = term


def plan(query_word_list, vocabulary, corrections=None):
    """The plan for the typed words; ``corrections`` (one word or None for each) adds, for a word that
    is not a word, the nearest known word at ``TYPO_WEIGHT``: the query as typed, tolerant of typos."""
    stems = tuple(stem(word) for word in query_word_list)
    by_stem = {}
    for position, (word, word_stem) in enumerate(zip(query_word_list, stems, strict=True)):
        weight = GENERIC_WEIGHT if vocabulary.is_generic(word) else 1.0
        _add(by_stem, Term(word_stem, frozenset(vocabulary.variants(word) | {word}), frozenset({position}), weight))
    phrases = [stems]
    wholes = [" ".join(query_word_list)]
    corrected_stems = stems
    if any(corrections or ()):
        corrected_stems = tuple(stem(c) if c else s for c, s in zip(corrections, stems, strict=True))
        phrases.append(corrected_stems)
        wholes.append(" ".join(c or word for c, word in zip(corrections, query_word_list, strict=True)))
        for position, correction in enumerate(corrections):
            if correction:
                variants = frozenset(vocabulary.variants(correction) | {correction})
                _add(by_stem, Term(stem(correction), variants, frozenset({position}), TYPO_WEIGHT))
    synonyms = vocabulary.synonyms_in(stems)
    if corrected_stems != stems:
        synonyms += [found for found in vocabulary.synonyms_in(corrected_stems) if found not in synonyms]
    for positions, synonym in synonyms:
        for target in synonym.targets:
            phrases.append(target)
            for target_stem in target:
                variants = frozenset(vocabulary.stem_words.get(target_stem, {target_stem}))
                _add(by_stem, Term(target_stem, variants, frozenset(positions), SYNONYM_WEIGHT))
    on_topic = vocabulary.on_topic(query_word_list, vocabulary.synonyms_in(stems))
    return Plan(list(query_word_list), list(by_stem.values()), len(stems), phrases, on_topic, wholes)


def spelling(query_word_list, vocabulary):
    """The words with each word that is not a word corrected, or None when none is."""
    corrected = []
    for word in query_word_list:
        replacement = None if vocabulary.knows(word) else vocabulary.correct(word)
        corrected.append(replacement or word)
    return corrected if corrected != list(query_word_list) else None


_documents = OrderedDict()  # (content version, model, pk) -> Document, most recently used last
DOCUMENTS_KEPT = 5000


def _load(model, ids, loader):
    """Documents for ``ids``, from this process's memo when content has not changed since."""
    version = content_version()
    found, missing = [], []
    for pk in ids:
        doc = _documents.get((version, model, pk))
        if doc is None:
            missing.append(pk)
        else:
            _documents.move_to_end((version, model, pk))
            found.append(replace(doc))
    for doc in loader(missing) if missing else ():
        _documents[(version, model, doc.pk)] = doc
        found.append(replace(doc))
    while len(_documents) > DOCUMENTS_KEPT:
        _documents.popitem(last=False)
    return found


def _candidates(search_words, vocabulary):
    matches = best_matches(search_words, [RolePage, *LOADERS], CANDIDATES)
    role_ids = {pk for found, pk in matches if found is RolePage}
    docs = [replace(doc) for pk, doc in vocabulary.role_documents.items() if pk in role_ids]
    # Roles published since the vocabulary was built: it is rebuilt once the change commits.
    new_roles = [pk for pk in role_ids if pk not in vocabulary.role_documents]
    if new_roles:
        docs += _load(
            RolePage, new_roles, partial(documents.role_documents, alternate_titles=vocabulary.alternate_titles)
        )
    for model, loader in LOADERS.items():
        ids = [pk for found, pk in matches if found is model]
        if ids:
            docs += _load(model, ids, loader)
    return docs


# A query none of whose words is the field's can still be the portal's own words ("phone calls and
# emails about sessions"): it is on-topic when one document holds most of its words (at least two).
SUPPORT_SHARE = 0.75
SUPPORT_WORDS = 2


def _supported(search_plan, ranked, vocabulary):
    meaningful = {position for position, word in enumerate(search_plan.words) if not vocabulary.is_generic(word)}
    needed = max(SUPPORT_WORDS, SUPPORT_SHARE * len(meaningful))
    return any(len(doc.covered & meaningful) >= needed for doc in ranked)


def _ranked(search_plan, vocabulary):
    """The documents for the plan, best first; none when the plan is off-topic. A plan judged off-topic
    by its words alone is on-topic after all when the documents support it (``_supported``)."""
    if not search_plan.terms:
        return []
    ranked = rank(
        _candidates(search_plan.search_words, vocabulary),
        search_plan.terms,
        vocabulary,
        positions=search_plan.positions,
        phrases=search_plan.phrases,
        wholes=search_plan.wholes,
    )
    if not search_plan.on_topic:
        search_plan.on_topic = _supported(search_plan, ranked, vocabulary)
    return ranked if search_plan.on_topic else []


def matching_skills(term_stems):
    """Skills in use whose name shares a stem with the query ("acoustic" finds "Acoustics")."""
    wanted = {term for term in term_stems if len(term) >= 3}
    found = [(name, slug) for name, slug, stems in get_vocabulary().skills if wanted & stems]
    return [{"name": name, "slug": slug} for name, slug in found[:MAX_SKILLS_SHOWN]]


# Words that ask for a kind of result rather than a topic: "alumni who became mixing engineers" wants
# the stories first, then the roles the other words name.
ALUMNI_WORDS = frozenset(stem(word) for word in ("alumni", "alumnus", "alumna", "graduate", "interview", "story"))
ALUMNI_PHRASES = [tuple(stem(word) for word in phrase.split()) for phrase in ("former student", "former students")]


def _asks_for_stories(plan_words):
    plan_stems = tuple(stem(word) for word in plan_words)
    if not ALUMNI_WORDS.isdisjoint(plan_stems):
        return True
    pairs = set(pairwise(plan_stems))
    return any(phrase in pairs for phrase in ALUMNI_PHRASES)


def _stories_first(ranked, plan_words):
    if not _asks_for_stories(plan_words):
        return ranked
    return sorted(ranked, key=lambda doc: doc.kind == documents.ROLE)  # stable: each kind keeps its order


def site_search(*, query, kind=None, skill=None):
    """Search everything for ``query``; narrow to one ``kind`` and/or one ``skill`` (a Tag)."""
    outcome = SearchOutcome(query=clean_query(query))
    typed = query_words(outcome.query)
    if not typed:
        return outcome
    try:
        vocabulary = get_vocabulary()
        outcome.promoted = vocabulary.promotions.get(normalise_query_string(outcome.query), [])
        corrected = spelling(typed, vocabulary)
        corrections = [new if new != old else None for old, new in zip(typed, corrected or typed, strict=True)]
        typed_plan = plan(typed, vocabulary, corrections)
        ranked = _ranked(typed_plan, vocabulary)
        used = typed_plan
        if corrected:
            corrected_plan = plan(corrected, vocabulary)
            if ranked and typed_plan.on_topic:
                outcome.suggestion = " ".join(corrected) if corrected_plan.on_topic else ""
            else:
                corrected_ranked = _ranked(corrected_plan, vocabulary)
                if corrected_ranked or not typed_plan.on_topic:
                    ranked, used = corrected_ranked, corrected_plan
                if corrected_ranked:
                    outcome.suggestion, outcome.corrected = " ".join(corrected), True
        outcome.off_topic = not used.on_topic
        ranked = _stories_first(ranked, used.words)
        outcome.skills = matching_skills([term.stem for term in used.terms if term.weight == 1.0])
    except Exception:  # a backend error must never become a 500 page
        logger.exception("Search failed for %r", outcome.query)
        outcome.failed = True
        return outcome
    if skill is not None:
        ranked = [doc for doc in ranked if skill.slug in doc.skill_slugs]
    if ranked:  # no "All" filter over nothing
        outcome.counts = {name: sum(1 for doc in ranked if doc.kind == name) for name in documents.KINDS}
    outcome.results = [doc for doc in ranked if kind in (None, doc.kind)]
    return outcome


_QUERIES, _DAILY, _FRUITLESS = Query._meta.db_table, QueryDailyHits._meta.db_table, FruitlessSearch._meta.db_table
# Only table names from the models are formatted in. On PostgreSQL each statement first turns
# ``synchronous_commit`` off for its own transaction (``set_config(..., true)``).
_NO_FLUSH = "SELECT set_config('synchronous_commit', 'off', true)"
RECORD_QUERY = f"INSERT INTO {_QUERIES} (query_string) VALUES (%s) ON CONFLICT (query_string) DO NOTHING"  # noqa: S608
RECORD_DAILY_HIT = f"""
    INSERT INTO {_DAILY} (query_id, date, hits) SELECT id, %s, 1 FROM {_QUERIES} WHERE query_string = %s
    ON CONFLICT (query_id, date) DO UPDATE SET hits = {_DAILY}.hits + 1
"""  # noqa: S608
RECORD_BOTH = f"""
    WITH no_flush AS ({_NO_FLUSH}),
    inserted AS (
        INSERT INTO {_QUERIES} (query_string) SELECT %s FROM no_flush
        ON CONFLICT (query_string) DO NOTHING RETURNING id
    ),
    found AS (SELECT id FROM inserted UNION ALL SELECT id FROM {_QUERIES} WHERE query_string = %s)
    INSERT INTO {_DAILY} (query_id, date, hits) SELECT id, %s, 1 FROM found LIMIT 1
    ON CONFLICT (query_id, date) DO UPDATE SET hits = {_DAILY}.hits + 1
"""  # noqa: S608
RECORD_FRUITLESS = f"""
    INSERT INTO {_FRUITLESS} (query_string, hits, last_searched, off_topic) VALUES (%s, 1, %s, %s)
    ON CONFLICT (query_string) DO UPDATE SET hits = {_FRUITLESS}.hits + 1,
    last_searched = excluded.last_searched, off_topic = excluded.off_topic
"""  # noqa: S608
RECORD_FRUITLESS_NO_FLUSH = f"""
    WITH no_flush AS ({_NO_FLUSH})
    INSERT INTO {_FRUITLESS} (query_string, hits, last_searched, off_topic)
    SELECT %s, 1, %s, %s FROM no_flush
    ON CONFLICT (query_string) DO UPDATE SET hits = {_FRUITLESS}.hits + 1,
    last_searched = excluded.last_searched, off_topic = excluded.off_topic
"""  # noqa: S608


def record_search(outcome, *, now):
    """Count a visitor's search in Wagtail's search terms (the "Search terms" report), and when it
    found nothing, in ``FruitlessSearch`` (the "Searches that found nothing" report): upserts, safe
    when two requests record the same new query at once (one of the two counts may then be lost).
    On PostgreSQL, one statement (two for a search that found nothing) that does not wait for the
    disk: a crash may lose the last few counts, and a search never waits for a flush."""
    query_string = normalise_query_string(outcome.query)[:255]
    if not query_string:
        return
    fruitless = not outcome.results and not outcome.failed
    if connection.vendor == "postgresql":
        statements = [(RECORD_BOTH, [query_string, query_string, now.date()])]
        if fruitless:
            statements.append((RECORD_FRUITLESS_NO_FLUSH, [query_string, now, outcome.off_topic]))
    else:
        statements = [(RECORD_QUERY, [query_string]), (RECORD_DAILY_HIT, [now.date(), query_string])]
        if fruitless:
            statements.append((RECORD_FRUITLESS, [query_string, now, outcome.off_topic]))
    with connection.cursor() as cursor:
        for sql, params in statements:
            cursor.execute(sql, params)
