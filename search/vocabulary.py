"""The vocabulary of everything searchable, for spelling correction and term weights.

Built from the portal's public text (the same fields search ranks), cached, and rebuilt after any
publish, unpublish or alumnus change (``portal.freshness``). Query words that are not in it are matched
to the nearest indexed word with RapidFuzz's normalised Levenshtein ratio, which scores short words
fairly (unlike WRatio) and behaves the same on every database.
"""

import math
from collections import Counter, defaultdict
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from django.core.cache import cache
from django.db.models import Q

from taggit.models import Tag

from alumni.models import AlumniInterviewPage, Alumnus
from careers.models import RolePage
from portal.freshness import content_version
from search import documents
from search.text import STOPWORDS, stem, words

CACHE_KEY = "search:vocabulary"
CACHE_SECONDS = 24 * 3600
MIN_SIMILARITY = 75  # percent; "remastring" -> "remastering" scores 95, "gear" -> "year" 75 is the floor
MIN_WORD_LENGTH = 3


@dataclass
class Vocabulary:
    word_counts: dict  # word -> number of documents it appears in
    stem_words: dict  # stem -> words with that stem
    doc_frequency: dict  # stem -> number of documents
    documents: int
    skills: list  # (name, slug, stems of the name) of every skill in use

    def idf(self, term_stem):
        return math.log(1 + (self.documents + 1) / (self.doc_frequency.get(term_stem, 0) + 0.5))

    def has_word(self, word):
        return word in self.word_counts

    def correct(self, word):
        """The indexed word closest to ``word``, or None when nothing is close enough."""
        if len(word) < MIN_WORD_LENGTH or not self.word_counts:
            return None
        matches = process.extract(
            word, self.word_counts.keys(), scorer=fuzz.ratio, score_cutoff=MIN_SIMILARITY, limit=5
        )
        if not matches:
            return None
        best = max(matches, key=lambda match: (match[1], self.word_counts[match[0]]))
        return best[0]

    def variants(self, word):
        """Indexed words that share ``word``'s stem ("remaster" -> "remastering", "remastered")."""
        return self.stem_words.get(stem(word), {word})


def _texts():
    """The text of every public document, one string each: roles in full; interviews and alumni by
    their titles, introductions, names and organisations (interview answers are visitors' own words,
    a source of typos rather than of corrections)."""
    tags = {}
    for role_id, name in RolePage.tags.through.objects.values_list("content_object_id", "tag__name"):
        tags.setdefault(role_id, []).append(name)
    for role in documents.live_roles().only("title", "summary", "body", "tools", "work_settings"):
        parts = [role.title, role.summary, role.body, *tags.get(role.pk, [])]
        yield " ".join([*parts, documents.stream_text(role.tools), documents.stream_text(role.work_settings)])
    for fields in AlumniInterviewPage.objects.live().values_list("title", "intro", "pull_quote"):
        yield " ".join(fields)
    for fields in Alumnus.objects.filter(is_public=True).values_list("name", "organisation", "job_title", "major"):
        yield " ".join(fields)


def _skills():
    used = Tag.objects.filter(
        Q(careers_rolepagetag_items__isnull=False) | Q(alumni_alumniinterviewpagetag_items__isnull=False)
    ).distinct()
    return [
        (name, slug, {stem(w) for w in words(name)}) for name, slug in used.order_by("name").values_list("name", "slug")
    ]


def _build():
    word_counts = Counter()
    stem_words = defaultdict(set)
    doc_frequency = Counter()
    count = 0
    for text in _texts():
        count += 1
        doc_words = {w for w in words(text) if w not in STOPWORDS}
        word_counts.update(doc_words)
        doc_stems = set()
        for word in doc_words:
            word_stem = stem(word)
            stem_words[word_stem].add(word)
            doc_stems.add(word_stem)
        doc_frequency.update(doc_stems)
    return Vocabulary(
        word_counts={w: c for w, c in word_counts.items() if len(w) >= MIN_WORD_LENGTH or w.isdigit()},
        stem_words=dict(stem_words),
        doc_frequency=dict(doc_frequency),
        documents=count,
        skills=_skills(),
    )


_local = {}  # this process's copy, so a shared cache is read (and unpickled) once per version


def get_vocabulary():
    version = content_version()
    if _local.get("version") == version:
        return _local["vocabulary"]
    key = f"{CACHE_KEY}:{version}"
    vocabulary = cache.get(key)
    if vocabulary is None:
        vocabulary = _build()
        cache.set(key, vocabulary, CACHE_SECONDS)
    _local.update(version=version, vocabulary=vocabulary)
    return vocabulary
