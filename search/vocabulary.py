"""The vocabulary of everything searchable: which words are known, how rare each is, which are the
field's own words, and the editors' synonyms.

Built from the portal's public text (the same fields search ranks) and the synonyms, cached, and
rebuilt after any change to them (``portal.freshness``), in two queries: every public role with its
skills (the roles' search documents are built here too, once), then one ``UNION ALL`` of everything
else (interviews' and alumni's text, the skills in use, the synonyms and editors' promotions). It
answers three questions:

- **Is this a word?** A query word is left alone when the portal knows its stem or when it is a
  common English word (Zipf frequency >= ``COMMON_ZIPF`` in ``wordfreq``'s list, shipped inside that
  package): only words that are not words are corrected, to the nearest indexed word by RapidFuzz's
  normalised Levenshtein ratio, the same on every database.
- **Is this the field's word?** A stem is the field's when the portal uses it far more often than
  English does (``FIELD_RATIO``), or it names a role, skill or person and the portal still uses it
  more than English (``NAME_RATIO``), or editors listed it as a synonym; words such as "salary" or
  "jobs" never are (``generic_words.txt``). A query with none of the field's words is off-topic.
- **How rare is it?** Inverse document frequency over all documents, and over titles alone, so
  that a title word most roles share ("engineer") counts less.
"""

import math
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from rapidfuzz import fuzz, process
from wordfreq import word_frequency, zipf_frequency

from django.core.cache import cache
from django.db.models import Q, TextField, Value
from django.db.models.functions import Cast

from taggit.models import Tag
from wagtail.contrib.search_promotions.models import SearchPromotion

from alumni.models import AlumniInterviewPage, Alumnus, about_alumni
from portal.freshness import content_version
from portal.page_urls import page_url
from search import documents
from search.models import Synonym, split_phrases
from search.text import STOPWORDS, stem, stem_sequence, words

CACHE_KEY = "search:vocabulary"
CACHE_SECONDS = 24 * 3600
MIN_SIMILARITY = 75  # percent; "remastring" -> "remastering" scores 95, "gear" -> "year" 75 is the floor
MIN_WORD_LENGTH = 3
COMMON_ZIPF = 3.0  # once per million words or more: "louder", "jobs", "data", "scientist"
FIELD_RATIO = 25.0  # the portal uses the word 25 times as often as English does
NAME_RATIO = 3.0
WORDLIST = "small"  # wordfreq's list of words used at least once per million, about 1 MB in memory

GENERIC_WORDS = frozenset(
    word
    for line in (Path(__file__).with_name("generic_words.txt")).read_text().splitlines()
    if not line.startswith("#")
    for word in line.split()
)


@lru_cache(maxsize=50_000)
def english_zipf(word):
    return zipf_frequency(word, "en", wordlist=WORDLIST)


@lru_cache(maxsize=50_000)
def english_share(word):
    return word_frequency(word, "en", wordlist=WORDLIST)


# Inflections only: a derived word ("louder", "mixer") must be indexed or common English in its own right,
# or "enginer" would pass as "engine" + "-er".
SUFFIXES = ("s", "es", "d", "ed", "ing")


def _inflected(word, other):
    """Whether one of the two is the other with a regular ending ("mix" / "mixes", "tune" / "tuning")."""
    if word == other:
        return True
    for shorter, longer in ((word, other), (other, word)):
        base = shorter[:-1] if shorter.endswith("e") else shorter
        if any(longer in (shorter + suffix, base + suffix) for suffix in SUFFIXES):
            return True
    return False


@dataclass
class Vocabulary:
    word_counts: dict  # word -> number of documents it appears in
    stem_words: dict  # stem -> words with that stem
    doc_frequency: dict  # stem -> number of documents
    documents: int
    skills: list  # (name, slug, stems of the name) of every skill in use
    stem_tokens: dict = field(default_factory=dict)  # stem -> occurrences in all text
    tokens: int = 1
    title_frequency: dict = field(default_factory=dict)  # stem -> number of role titles with it
    titles: int = 1  # role titles
    name_stems: frozenset = frozenset()  # stems of titles, skills and people's names
    synonyms: list = field(default_factory=list)  # (stems of what visitors say, [stems of each phrase to search])
    synonym_words: frozenset = frozenset()  # every word of the synonyms (for spelling)
    alternate_titles: dict = field(default_factory=dict)  # role title -> what visitors call it, from synonyms
    role_documents: dict = field(default_factory=dict)  # pk -> Document of every public role, in tree order
    promotions: dict = field(default_factory=dict)  # normalised query -> [(title, url, description)]

    def idf(self, term_stem):
        return math.log(1 + (self.documents + 1) / (self.doc_frequency.get(term_stem, 0) + 0.5))

    def title_idf(self, term_stem):
        return math.log(1 + (self.titles + 1) / (self.title_frequency.get(term_stem, 0) + 0.5))

    def has_word(self, word):
        return word in self.word_counts

    def knows(self, word):
        """A word never to correct: indexed, a regular form of an indexed word with its stem ("jobs",
        "remastered"), a common English word, a synonym's word, or a number. "enginer" shares a stem
        with "engineer" but is none of these."""
        if word.isdigit() or len(word) < MIN_WORD_LENGTH or word in self.word_counts or word in self.synonym_words:
            return True
        if english_zipf(word) >= COMMON_ZIPF:
            return True
        return any(_inflected(word, sibling) for sibling in self.stem_words.get(stem(word), ()))

    def correct(self, word):
        """The indexed (or synonym) word closest to ``word``, or None when nothing is close enough."""
        if len(word) < MIN_WORD_LENGTH or not self.word_counts:
            return None
        choices = self.word_counts.keys() | self.synonym_words
        matches = process.extract(word, choices, scorer=fuzz.ratio, score_cutoff=MIN_SIMILARITY, limit=5)
        if not matches:
            return None
        best = max(matches, key=lambda match: (match[1], self.word_counts.get(match[0], 0)))
        return best[0]

    def variants(self, word):
        """Indexed words that share ``word``'s stem ("remaster" -> "remastering", "remastered")."""
        return self.stem_words.get(stem(word), {word})

    def is_field_stem(self, term_stem, word=""):
        """Whether the portal uses this stem far more than English does (see the module's docstring)."""
        if term_stem in GENERIC_WORDS or word in GENERIC_WORDS:
            return False
        count = self.stem_tokens.get(term_stem, 0)
        siblings = self.stem_words.get(term_stem, ())
        if not count or (word and not any(_inflected(word, sibling) for sibling in siblings)):
            return False  # "mechanic" is not the portal's "mechanical", though they share a stem
        english = max((english_share(w) for w in {word, *self.stem_words.get(term_stem, ())} if w), default=0.0)
        if not english:
            return True  # a word of the portal's own: a person, a company, "mixedbymiles"
        ratio = (count / self.tokens) / english
        return ratio >= FIELD_RATIO or (term_stem in self.name_stems and ratio >= NAME_RATIO)

    def synonyms_in(self, query_stems):
        """The synonyms whose phrase stands in ``query_stems`` (in order): [(positions, phrases to search)]."""
        found = []
        for said, _, also in self.synonyms:
            for start in range(len(query_stems) - len(said) + 1):
                if query_stems[start : start + len(said)] == said:
                    found.append((range(start, start + len(said)), also))
                    break
        return found


def _synonyms(rows):
    """[(stems of a phrase visitors say, the phrase, [stems of each phrase to search as well])]."""
    parsed = []
    for phrases, also, *_ in sorted(rows):
        targets = [seq for seq in (stem_sequence(text) for text in split_phrases(also)) if seq]
        for phrase in split_phrases(phrases):
            said = stem_sequence(phrase)
            if said and targets:
                parsed.append((said, phrase, targets))
    return parsed


def _contains(sequence, part):
    return any(sequence[i : i + len(part)] == part for i in range(len(sequence) - len(part) + 1))


def _alternate_titles(role_titles, synonyms):
    """A synonym whose "also search" names a role's title (all of it, or two words or more of it in
    order: "setup worker") gives that role an alternate title: FOH -> Live Sound Engineer."""
    found = defaultdict(list)
    for title in role_titles:
        title_stems = stem_sequence(title)
        for _, phrase, targets in synonyms:
            if any(
                target == title_stems or (len(target) >= 2 and _contains(title_stems, target)) for target in targets
            ):
                found[title].append(phrase)
    return {title: ", ".join(phrases) for title, phrases in found.items()}


def _promotions(rows):
    found = defaultdict(list)
    for _, query, title, url_path, description in sorted(rows, key=lambda row: (row[0] is None, int(row[0] or 0))):
        found[query].append((title, page_url(url_path), description))
    return dict(found)


def _skills(rows):
    return [(name, slug, {stem(w) for w in words(name)}) for name, slug, *_ in sorted(rows)]


INTERVIEW, ALUMNUS, SKILL, SYNONYM, PROMOTION = "interview", "alumnus", "skill", "synonym", "promotion"
WIDTH = 5  # text columns of each row of ``_rows``


def _part(kind, queryset, *names):
    """``kind`` and the ``names`` columns of ``queryset`` as text, padded to ``WIDTH`` columns."""
    texts = [Cast(name, TextField()) for name in names] + [Value("", TextField())] * (WIDTH - len(names))
    annotations = {"row_kind": Value(kind, TextField()), **{f"text{i}": text for i, text in enumerate(texts)}}
    return queryset.order_by().annotate(**annotations).values_list(*annotations)


def _rows():
    """Everything but the roles, in one query: kind -> [row of texts]."""
    used_tags = Tag.objects.filter(
        Q(careers_rolepagetag_items__isnull=False) | Q(alumni_alumniinterviewpagetag_items__isnull=False)
    ).distinct()
    parts = [
        _part(
            INTERVIEW,
            AlumniInterviewPage.objects.live(),
            "title",
            "alumnus__class_year",
            "intro",
            "pull_quote",
            "alumnus__job_title",
        ),
        _part(
            ALUMNUS, Alumnus.objects.filter(is_public=True), "name", "class_year", "organisation", "job_title", "major"
        ),
        _part(SKILL, used_tags, "name", "slug"),
        _part(SYNONYM, Synonym.objects.all(), "phrases", "also_search"),
        _part(
            PROMOTION,
            SearchPromotion.objects.filter(page__live=True),
            "sort_order",
            "query__query_string",
            "page__title",
            "page__url_path",
            "description",
        ),
    ]
    found = defaultdict(list)
    for kind, *texts in parts[0].union(*parts[1:], all=True):
        found[kind].append(texts)
    return found


def _texts(roles, rows):
    """(kind, title, full text) of every public document: roles in full; interviews and alumni by their
    titles, introductions, names and organisations (interview answers are visitors' own words, a
    source of typos rather than of corrections)."""
    for role in roles:
        parts = [role["title"], role["summary"], role["body"], *role["skills"]]
        text = [*parts, documents.stream_text(role["tools"]), documents.stream_text(role["work_settings"])]
        yield documents.ROLE, role["title"], " ".join(text)
    for title, year, intro, pull_quote, job_title in rows[INTERVIEW]:
        yield documents.INTERVIEW, title, " ".join([title, intro, pull_quote, job_title, about_alumni(year)])
    for name, year, organisation, job_title, major in rows[ALUMNUS]:
        yield documents.ALUMNUS, name, " ".join([name, organisation, job_title, major, about_alumni(year)])


def _build():
    word_counts = Counter()
    stem_words = defaultdict(set)
    doc_frequency = Counter()
    stem_tokens = Counter()
    title_frequency = Counter()
    name_stems = set()
    role_titles = []
    count = tokens = 0
    roles = documents.all_roles()
    rows = _rows()
    for kind, title, text in _texts(roles, rows):
        count += 1
        title_stems = set(stem_sequence(title))
        name_stems |= title_stems
        if kind == documents.ROLE:
            role_titles.append(title)
            title_frequency.update(title_stems)
        all_words = [w for w in words(text) if w not in STOPWORDS]
        tokens += len(all_words)
        doc_words = set(all_words)
        word_counts.update(doc_words)
        doc_stems = set()
        for word in all_words:
            word_stem = stem(word)
            stem_tokens[word_stem] += 1
            stem_words[word_stem].add(word)
            doc_stems.add(word_stem)
        doc_frequency.update(doc_stems)
    name_stems |= set(stem_sequence(about_alumni(""))) | {s for s in stem_tokens if s.isdigit()}
    skills = _skills(rows[SKILL])
    for _, _, skill_stems in skills:
        name_stems |= skill_stems
    synonyms = _synonyms(rows[SYNONYM])
    synonym_words = set()
    for said, phrase, targets in synonyms:
        synonym_words |= {w for w in words(phrase) if len(w) >= MIN_WORD_LENGTH and w not in STOPWORDS}
        name_stems |= set(said)
        for target in targets:
            name_stems |= set(target)
    alternate_titles = _alternate_titles(role_titles, synonyms)
    return Vocabulary(
        word_counts={w: c for w, c in word_counts.items() if len(w) >= MIN_WORD_LENGTH or w.isdigit()},
        stem_words=dict(stem_words),
        doc_frequency=dict(doc_frequency),
        documents=count,
        skills=skills,
        stem_tokens=dict(stem_tokens),
        tokens=max(tokens, 1),
        title_frequency=dict(title_frequency),
        titles=max(len(role_titles), 1),
        name_stems=frozenset(name_stems),
        synonyms=synonyms,
        synonym_words=frozenset(synonym_words),
        alternate_titles=alternate_titles,
        role_documents={
            role["pk"]: documents.role_document(role, alternate_titles.get(role["title"], "")) for role in roles
        },
        promotions=_promotions(rows[PROMOTION]),
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
