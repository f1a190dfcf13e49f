"""The portal's one search: roles, interviews and alumni in a single ranked list, plus skills.

``site_search`` never raises for any query text: the text is reduced to plain words before it reaches
a backend (see ``search.text``), and a backend failure is logged and reported as "search is
unavailable" rather than a server error.
"""

import logging
from collections import OrderedDict
from dataclasses import dataclass, field, replace

from alumni.models import AlumniInterviewPage, Alumnus
from careers.models import RolePage
from portal.freshness import content_version
from search import documents
from search.ranking import rank
from search.retrieval import best_matches
from search.text import clean_query, query_words, stem
from search.vocabulary import get_vocabulary

logger = logging.getLogger(__name__)

CANDIDATES = 40
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
    """Return (search words, {stem: words with that stem}, suggestion) for a cleaned query."""
    vocabulary = get_vocabulary()
    corrected, changed = [], False
    for word in query_words(query):
        replacement = None if vocabulary.has_word(word) else vocabulary.correct(word)
        if replacement and replacement != word:
            corrected.append(replacement)
            changed = True
        else:
            corrected.append(word)
    terms = {}
    for word in corrected:
        terms.setdefault(stem(word), set()).update(vocabulary.variants(word) | {word})
    search_words = sorted(set().union(*terms.values())) if terms else []
    return search_words, terms, " ".join(corrected) if changed else ""


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


def _candidates(search_words):
    loaders = {
        RolePage: documents.role_documents,
        AlumniInterviewPage: documents.interview_documents,
        Alumnus: documents.alumnus_documents,
    }
    matches = best_matches(search_words, list(loaders), CANDIDATES)
    docs = []
    for model, loader in loaders.items():
        ids = [pk for found, pk in matches if found is model]
        if ids:
            docs += _load(model, ids, loader)
    return docs


def matching_skills(term_stems):
    """Skills in use whose name shares a stem with the query ("acoustic" finds "Acoustics")."""
    wanted = {term for term in term_stems if len(term) >= 3}
    found = [(name, slug) for name, slug, stems in get_vocabulary().skills if wanted & stems]
    return [{"name": name, "slug": slug} for name, slug in found[:MAX_SKILLS_SHOWN]]


def site_search(*, query, kind=None, skill=None):
    """Search everything for ``query``; narrow to one ``kind`` and/or one ``skill`` (a Tag)."""
    outcome = SearchOutcome(query=clean_query(query))
    if not query_words(outcome.query):
        return outcome
    try:
        search_words, terms, outcome.suggestion = interpret(outcome.query)
        ranked = rank(
            _candidates(search_words),
            terms,
            get_vocabulary(),
            phrase=" ".join(query_words(outcome.query)),
        )
        outcome.skills = matching_skills(list(terms))
    except Exception:  # a backend error must never become a 500 page
        logger.exception("Search failed for %r", outcome.query)
        outcome.failed = True
        return outcome
    if skill is not None:
        ranked = [doc for doc in ranked if skill.slug in doc.skill_slugs]
    outcome.counts = {name: sum(1 for doc in ranked if doc.kind == name) for name in documents.KINDS}
    outcome.results = [doc for doc in ranked if kind in (None, doc.kind)]
    return outcome
