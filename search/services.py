"""The portal's one search: roles, interviews and alumni in a single ranked list, plus skills.

``site_search`` never raises for any query text: the text is reduced to plain words before it reaches
a backend (see ``search.text``), and a backend failure is logged and reported as "search is
unavailable" rather than a server error.
"""

import logging
from dataclasses import dataclass, field
from functools import reduce
from operator import or_

from django.db.models import Q

from taggit.models import Tag
from wagtail.search.backends import get_search_backend
from wagtail.search.query import PlainText

from search import documents
from search.ranking import rank
from search.text import clean_query, query_words, stem
from search.vocabulary import get_vocabulary

logger = logging.getLogger(__name__)

CANDIDATES_PER_KIND = 100
MAX_SKILLS_SHOWN = 12


@dataclass
class SearchOutcome:
    query: str = ""
    results: list = field(default_factory=list)
    counts: dict = field(default_factory=dict)
    suggestion: str = ""
    skills: list = field(default_factory=list)
    failed: bool = False


def interpret(query):
    """Return (search words, ranking stems, suggestion) for a cleaned query."""
    vocabulary = get_vocabulary()
    corrected, changed = [], False
    for word in query_words(query):
        replacement = None if vocabulary.has_word(word) else vocabulary.correct(word)
        if replacement and replacement != word:
            corrected.append(replacement)
            changed = True
        else:
            corrected.append(word)
    search_words = set()
    for word in corrected:
        search_words |= vocabulary.variants(word)
    term_stems = list(dict.fromkeys(stem(word) for word in corrected))
    return sorted(search_words), term_stems, " ".join(corrected) if changed else ""


def _candidate_ids(queryset, backend_query):
    results = get_search_backend().search(backend_query, queryset)[:CANDIDATES_PER_KIND]
    return [obj.pk for obj in results]


def _candidates(backend_query):
    from alumni.models import AlumniInterviewPage, Alumnus
    from careers.models import RolePage

    role_ids = _candidate_ids(documents.live_roles(), backend_query)
    interview_ids = _candidate_ids(documents.live_interviews(), backend_query)
    alumnus_ids = set(_candidate_ids(Alumnus.objects.filter(is_public=True), backend_query))
    if alumnus_ids:
        alumnus_ids -= set(
            AlumniInterviewPage.objects.live().filter(alumnus_id__in=alumnus_ids).values_list("alumnus_id", flat=True)
        )
    docs = []
    if role_ids:
        docs += documents.role_documents(RolePage.objects.filter(pk__in=role_ids))
    if interview_ids:
        docs += documents.interview_documents(AlumniInterviewPage.objects.filter(pk__in=interview_ids))
    if alumnus_ids:
        docs += documents.alumnus_documents(Alumnus.objects.filter(pk__in=alumnus_ids))
    return docs


def matching_skills(term_stems):
    usable = [term for term in term_stems if len(term) >= 3]
    if not usable:
        return []
    return list(Tag.objects.filter(reduce(or_, [Q(name__icontains=term) for term in usable])).order_by("name"))[
        :MAX_SKILLS_SHOWN
    ]


def site_search(*, query, kind=None, skill=None):
    """Search everything for ``query``; narrow to one ``kind`` and/or one ``skill`` (a Tag)."""
    outcome = SearchOutcome(query=clean_query(query))
    if not query_words(outcome.query):
        return outcome
    try:
        search_words, term_stems, outcome.suggestion = interpret(outcome.query)
        ranked = rank(
            _candidates(PlainText(" ".join(search_words), operator="or")),
            term_stems,
            get_vocabulary(),
            phrase=" ".join(query_words(outcome.query)),
        )
        outcome.skills = matching_skills(term_stems)
    except Exception:  # a backend error must never become a 500 page
        logger.exception("Search failed for %r", outcome.query)
        outcome.failed = True
        return outcome
    if skill is not None:
        ranked = [doc for doc in ranked if skill.slug in doc.skill_slugs]
    outcome.counts = {name: sum(1 for doc in ranked if doc.kind == name) for name in documents.KINDS}
    outcome.results = [doc for doc in ranked if kind in (None, doc.kind)]
    return outcome
