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

from django.db import connection
from django.db.models import F

from wagtail.contrib.search_promotions.models import Query, QueryDailyHits
from wagtail.search.utils import normalise_query_string

from alumni.models import AlumniInterviewPage, Alumnus
from careers.models import RolePage
from portal.freshness import content_version
from search import documents
from search.models import FruitlessSearch
from search.ranking import SYNONYM_WEIGHT, Term, rank
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

    @property
    def search_words(self):
        return sorted(set().union(*(term.variants for term in self.terms))) if self.terms else []


def plan(query_word_list, vocabulary):
    stems = tuple(stem(word) for word in query_word_list)
    by_stem = {}
    for position, (word, word_stem) in enumerate(zip(query_word_list, stems, strict=True)):
        known = by_stem.get(word_stem)
        variants = frozenset(vocabulary.variants(word) | {word})
        covers = frozenset({position}) | (known.covers if known else frozenset())
        by_stem[word_stem] = Term(word_stem, variants | (known.variants if known else frozenset()), covers)
    phrases = [stems]
    synonyms = vocabulary.synonyms_in(stems)
    for positions, targets in synonyms:
        for target in targets:
            phrases.append(target)
            for target_stem in target:
                if target_stem in by_stem:
                    known = by_stem[target_stem]
                    by_stem[target_stem] = replace(known, covers=known.covers | frozenset(positions))
                else:
                    variants = frozenset(vocabulary.stem_words.get(target_stem, {target_stem}))
                    by_stem[target_stem] = Term(target_stem, variants, frozenset(positions), SYNONYM_WEIGHT)
    on_topic = bool(synonyms) or any(
        vocabulary.is_field_stem(word_stem, word) for word, word_stem in zip(query_word_list, stems, strict=True)
    )
    return Plan(list(query_word_list), list(by_stem.values()), len(stems), phrases, on_topic)


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


def _ranked(search_plan, vocabulary):
    if not search_plan.on_topic or not search_plan.terms:
        return []
    return rank(
        _candidates(search_plan.search_words, vocabulary),
        search_plan.terms,
        vocabulary,
        positions=search_plan.positions,
        phrases=search_plan.phrases,
        whole=" ".join(search_plan.words),
    )


def matching_skills(term_stems):
    """Skills in use whose name shares a stem with the query ("acoustic" finds "Acoustics")."""
    wanted = {term for term in term_stems if len(term) >= 3}
    found = [(name, slug) for name, slug, stems in get_vocabulary().skills if wanted & stems]
    return [{"name": name, "slug": slug} for name, slug in found[:MAX_SKILLS_SHOWN]]


# Words that ask for a kind of result rather than a topic: "alumni who became mixing engineers" wants
# the stories first, then the roles the other words name.
ALUMNI_WORDS = frozenset(stem(word) for word in ("alumni", "alumnus", "alumna", "graduate", "interview", "story"))


def _stories_first(ranked, plan_words):
    if ALUMNI_WORDS.isdisjoint(stem(word) for word in plan_words):
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
        typed_plan = plan(typed, vocabulary)
        ranked = _ranked(typed_plan, vocabulary)
        used = typed_plan
        corrected = spelling(typed, vocabulary)
        if corrected:
            corrected_plan = plan(corrected, vocabulary)
            if ranked and typed_plan.on_topic:
                outcome.suggestion = " ".join(corrected) if corrected_plan.on_topic else ""
            elif corrected_plan.on_topic:
                ranked = _ranked(corrected_plan, vocabulary)
                used = corrected_plan
                if ranked:
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


def record_search(outcome, *, now):
    """Count a visitor's search in Wagtail's search terms (the "Search terms" report), and when it
    found nothing, in ``FruitlessSearch`` (the "Searches that found nothing" report). Two to four
    statements, safe when two requests record the same new query at once."""
    query_string = normalise_query_string(outcome.query)[:255]
    if not query_string:
        return
    Query.objects.bulk_create([Query(query_string=query_string)], ignore_conflicts=True)
    _add_daily_hit(query_string, now.date())
    if not outcome.results and not outcome.failed:
        FruitlessSearch.objects.bulk_create(
            [FruitlessSearch(query_string=query_string, last_searched=now)], ignore_conflicts=True
        )
        FruitlessSearch.objects.filter(query_string=query_string).update(
            hits=F("hits") + 1, last_searched=now, off_topic=outcome.off_topic
        )


def _add_daily_hit(query_string, date):
    """One upsert (``QueryDailyHits.add_hit`` takes four statements and races on a new day)."""
    daily, queries = QueryDailyHits._meta.db_table, Query._meta.db_table
    sql = f"""
        INSERT INTO {daily} (query_id, date, hits) SELECT id, %s, 1 FROM {queries} WHERE query_string = %s
        ON CONFLICT (query_id, date) DO UPDATE SET hits = {daily}.hits + 1
    """  # noqa: S608 - only table names from the models are formatted in
    with connection.cursor() as cursor:
        cursor.execute(sql, [date, query_string])
