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
- **Is this query about the field?** Yes when it has one of the field's own words (``field_words.txt``:
  "sound", "amp", "mixing", unless in an everyday phrase, ``everyday_phrases.txt``: "studio apartment";
  or a word only the portal uses: a person, a company, a product) or a
  synonym editors marked as the field's own ("FOH", "foley"); or when most of its words (leaving out
  words any job search uses, ``generic_words.txt``: "salary", "jobs") are the portal's: used far
  more often than in English (``FIELD_RATIO``, at least twice), or naming a role, skill or person and
  still used more than in English (``NAME_RATIO``). So "electronics repair" is on-topic, "car repair"
  and "yoga classes" are not; what visitors call alumni's stories ("graduate", "story", "class of")
  counts as the portal's. A query that is not on-topic finds nothing.
- **How rare is it?** Inverse document frequency over all documents, and over titles alone, so
  that a title word most roles share ("engineer") counts less.
"""

import math
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from rapidfuzz import fuzz, process
from rapidfuzz.distance import Levenshtein
from wordfreq import top_n_list, word_frequency, zipf_frequency

from django.core.cache import cache
from django.db.models import Q, TextField, Value
from django.db.models.functions import Cast

from taggit.models import Tag
from wagtail.contrib.search_promotions.models import SearchPromotion

from alumni.models import AlumniInterviewPage, Alumnus, about_alumni
from portal.freshness import content_version
from portal.page_urls import page_url
from search import documents
from search.models import Synonym as SynonymModel
from search.models import split_phrases
from search.text import STOPWORDS, american, stem, stem_sequence, words

CACHE_KEY = "search:vocabulary:v2"  # bumped when the Vocabulary dataclass changes
CACHE_SECONDS = 24 * 3600
MIN_SIMILARITY = 75  # percent; "remastring" -> "remastering" scores 95, "gear" -> "year" 75 is the floor
ENGLISH_MARGIN = 5  # an everyday word must be this much closer than the portal's to be the correction
MIN_ENGLISH_SIMILARITY = 85  # and this close: one slip in a short word ("partys" -> "party")
MIN_WORD_LENGTH = 3
COMMON_ZIPF = 3.0  # once per million words or more: "louder", "jobs", "data", "scientist"
FIELD_RATIO = 25.0  # the portal uses the word 25 times as often as English does
FIELD_MIN_COUNT = 2  # and more than once: one use in a few thousand words says little
NAME_RATIO = 3.0
WORDLIST = "small"  # wordfreq's list of words used at least once per million, about 1 MB in memory


def _word_list(name):
    return frozenset(
        word
        for line in (Path(__file__).with_name(name)).read_text().splitlines()
        if not line.startswith("#")
        for word in line.split()
    )


GENERIC_WORDS = _word_list("generic_words.txt")
FIELD_WORDS = _word_list("field_words.txt")
EVERYDAY_PHRASES = [
    stem_sequence(line)
    for line in (Path(__file__).with_name("everyday_phrases.txt")).read_text().splitlines()
    if line.strip() and not line.startswith("#")
]


def is_field_word(word):
    """Whether ``word`` is one of ``FIELD_WORDS``, in any spelling, or their plural."""
    word = american(word)
    return word in FIELD_WORDS or any(word.endswith(end) and word[: -len(end)] in FIELD_WORDS for end in ("s", "es"))


@lru_cache(maxsize=50_000)
def english_zipf(word):
    return zipf_frequency(word, "en", wordlist=WORDLIST)


@lru_cache(maxsize=1)
def _english_by_length():
    found = defaultdict(list)
    for word in top_n_list("en", 50_000, wordlist=WORDLIST):
        if word.isalpha():
            found[len(word)].append(word)
    return found


def english_words(length):
    """wordfreq's common English words (about 29,000 in all) of about ``length`` letters: those that can
    be ``MIN_ENGLISH_SIMILARITY`` alike a word of that length, for corrections outside the field."""
    spread = max(1, length * (100 - MIN_ENGLISH_SIMILARITY) // 100 + 1)
    by_length = _english_by_length()
    return [word for size in range(length - spread, length + spread + 1) for word in by_length.get(size, ())]


@lru_cache(maxsize=50_000)
def english_share(word):
    return word_frequency(word, "en", wordlist=WORDLIST)


# Inflections only: a derived word ("louder", "mixer") must be indexed or common English in its own right,
# or "enginer" would pass as "engine" + "-er" (but see ``Vocabulary.knows``).
SUFFIXES = ("s", "es", "d", "ed", "ing")
AGENT_SUFFIXES = ("r", "rs", "er", "ers")


def _singular(word):
    """The word of which ``word`` is the regular plural ("audiobooks", "boxes"), or None: "partys" is no
    plural of "party" ("parties" is)."""
    if word.endswith("es") and word[:-2].endswith(("s", "x", "z", "ch", "sh", "o")):
        return word[:-2]
    if word.endswith("s") and not word.endswith("ss"):
        base = word[:-1]
        if base.endswith(("s", "x", "z", "ch", "sh")) or (
            len(base) > 1 and base[-1] == "y" and base[-2] not in "aeiou"
        ):
            return None
        return base
    return None


def _inflected(word, other, *, agents=False):
    """Whether one of the two is the other with a regular ending ("mix" / "mixes", "tune" / "tuning"); with
    ``agents``, also when they share a stem and one is an agent noun ("supervisor" / "supervising")."""
    if word == other:
        return True
    if agents and any(w.endswith(("or", "ors", "er", "ers")) for w in (word, other)) and stem(word) == stem(other):
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
    alumni_stems: frozenset = frozenset()  # what visitors call alumni's stories ("graduate", "class of"), class years
    names: dict = field(default_factory=dict)  # first stem -> stems of each title, other title, person, organisation
    synonyms: list = field(default_factory=list)  # Synonym: what visitors say, what to search as well
    synonym_words: frozenset = frozenset()  # every word of the synonyms (for spelling)
    spelling_choices: dict = field(default_factory=dict)  # length -> indexed, synonym and field words
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
        if is_field_word(word):
            return True
        if any(word.endswith(end) and word[: -len(end)] in self.synonym_words for end in ("s", "es")):
            return True  # "voiceovers" of the synonym "voiceover"
        if english_zipf(word) >= COMMON_ZIPF or english_zipf(american(word)) >= COMMON_ZIPF:
            return True
        if (base := _singular(word)) and english_zipf(base) >= COMMON_ZIPF:
            return True  # the plural of a common word ("audiobooks"; not "partys")
        siblings = self.stem_words.get(stem(word), ())
        if any(_inflected(word, sibling) for sibling in siblings):
            return True
        # An agent noun of an indexed word ("sequencers" of "sequence") is a word too, unless an indexed
        # word is one letter away ("enginer" is "engineer" misspelt, not "engine" + "-r").
        if not any(word in (sibling + end for end in AGENT_SUFFIXES) for sibling in siblings):
            return False
        return process.extractOne(word, self.word_counts.keys(), scorer=Levenshtein.distance, score_cutoff=1) is None

    def correct(self, word):
        """The indexed, synonym or field word (``FIELD_WORDS``) closest to ``word``; or a common English
        word when one is close (``MIN_ENGLISH_SIMILARITY``) and clearly closer (``ENGLISH_MARGIN``):
        "partys" is "party", not "pays"; or None when nothing is close enough."""
        if len(word) < MIN_WORD_LENGTH or not self.word_counts:
            return None
        spread = len(word) * (100 - MIN_SIMILARITY) // 100 + 1
        choices = [
            choice
            for size in range(len(word) - spread, len(word) + spread + 1)
            for choice in self.spelling_choices.get(size, ())
        ]
        matches = process.extract(word, choices, scorer=fuzz.ratio, score_cutoff=MIN_SIMILARITY, limit=5)
        best = max(matches, key=lambda match: (match[1], self.word_counts.get(match[0], 0)), default=None)
        cutoff = max(MIN_ENGLISH_SIMILARITY, (best[1] if best else 0) + ENGLISH_MARGIN)
        english = cutoff <= 100 and process.extractOne(
            word, english_words(len(word)), scorer=fuzz.ratio, score_cutoff=cutoff
        )
        if english:
            return english[0]
        return best[0] if best else None

    def variants(self, word):
        """Indexed words that share ``word``'s stem ("remaster" -> "remastering", "remastered")."""
        return self.stem_words.get(stem(word), {word})

    def _portal_ratio(self, term_stem, word):
        """How many times more often the portal uses the stem than English does (inf for a word of the
        portal's own), or None when the portal does not use ``word`` (any regular form of it)."""
        count = self.stem_tokens.get(term_stem, 0)
        siblings = self.stem_words.get(term_stem, ())
        if not count or (word and not any(_inflected(word, sibling, agents=True) for sibling in siblings)):
            return None  # "mechanic" is not the portal's "mechanical", though they share a stem
        english = max((english_share(w) for w in {word, *siblings} if w), default=0.0)
        return (count / self.tokens) / english if english else math.inf

    def is_field_stem(self, term_stem, word=""):
        """Whether the portal uses this stem far more than English does (see the module's docstring)."""
        if term_stem in GENERIC_WORDS or word in GENERIC_WORDS:
            return False
        ratio = self._portal_ratio(term_stem, word)
        if ratio is None:
            return False
        count = self.stem_tokens.get(term_stem, 0)
        return (
            ratio == math.inf
            or (ratio >= FIELD_RATIO and count >= FIELD_MIN_COUNT)
            or (term_stem in self.name_stems and ratio >= NAME_RATIO)
        )

    def is_own_word(self, term_stem, word):
        """A word of the field (``FIELD_WORDS``) or of the portal alone ("mixedbymiles", "ableton")."""
        return is_field_word(word) or self._portal_ratio(term_stem, word) == math.inf

    @staticmethod
    def is_generic(word):
        """A word any job search uses ("jobs", "salary"): never the field's."""
        return word in GENERIC_WORDS or stem(word) in GENERIC_WORDS

    def on_topic(self, query_word_list, synonyms_found=()):
        """Whether a query (its words, and the synonyms found in it) is about the field: see the module's
        docstring. A word an everyday synonym stands for counts as the portal's when the synonym leads
        to the portal's words ("fix" -> "repair")."""
        if any(synonym.on_topic for _, synonym in synonyms_found):
            return True
        query_stems = tuple(stem(word) for word in query_word_list)
        for start, first in enumerate(query_stems):
            if any(query_stems[start : start + len(name)] == name for name in self.names.get(first, ())):
                return True  # "Reel House", "Miles Walker", "Production Assistant"
        translated = set()
        for positions, synonym in synonyms_found:
            if any(self.is_field_stem(target_stem) for target in synonym.targets for target_stem in target):
                translated.update(positions)
        everyday = _everyday_positions(query_stems)
        portal_words = meaningful = 0
        for position, word in enumerate(query_word_list):
            word_stem = stem(word)
            if self.is_generic(word):
                continue
            meaningful += 1
            if position in everyday:
                continue  # "studio" in "studio apartment"
            if self.is_own_word(word_stem, word):
                return True
            if position in translated or word_stem in self.alumni_stems or self.is_field_stem(word_stem, word):
                portal_words += 1
        return portal_words * 2 > meaningful

    def synonyms_in(self, query_stems):
        """The synonyms whose phrase stands in ``query_stems`` (in order): [(positions, Synonym)]."""
        found = []
        for synonym in self.synonyms:
            said = synonym.said
            for start in range(len(query_stems) - len(said) + 1):
                if query_stems[start : start + len(said)] == said:
                    found.append((range(start, start + len(said)), synonym))
                    break
        return found


@dataclass(frozen=True)
class Synonym:
    said: tuple  # stems of a phrase visitors say
    phrase: str
    targets: list  # stems of each phrase to search as well
    on_topic: bool = True  # the field's own words (not everyday ones: "fix", "movie")


def _true(text):
    return str(text).lower() in ("1", "t", "true")


def _synonyms(rows):
    """[Synonym] of every phrase of every synonym. A phrase left with one word once its stopwords are
    gone ("own a studio": "studio") is left out: it would stand for that one word wherever it appears."""
    parsed = []
    for phrases, also, on_topic, *_ in sorted(rows):
        targets = [seq for seq in (stem_sequence(text) for text in split_phrases(also)) if seq]
        for phrase in split_phrases(phrases):
            said = stem_sequence(phrase)
            if len(said) == 1 and len(words(phrase)) > 1:
                continue
            if said and targets:
                parsed.append(Synonym(said, phrase, targets, _true(on_topic)))
    return parsed


def _everyday_positions(query_stems):
    """Positions of the query's words that stand in one of ``EVERYDAY_PHRASES``."""
    found = set()
    for phrase in EVERYDAY_PHRASES:
        for start in range(len(query_stems) - len(phrase) + 1):
            if query_stems[start : start + len(phrase)] == phrase:
                found.update(range(start, start + len(phrase)))
    return found


def _by_length(words_):
    found = defaultdict(list)
    for word in sorted(words_):
        found[len(word)].append(word)
    return dict(found)


def _by_first(sequences):
    found = defaultdict(list)
    for sequence in sequences:
        if sequence:
            found[sequence[0]].append(sequence)
    return dict(found)


def _contains(sequence, part):
    return any(sequence[i : i + len(part)] == part for i in range(len(sequence) - len(part) + 1))


def _alternate_titles(role_titles, synonyms):
    """A synonym whose "also search" names a role's title (all of it, or two words or more of it in
    order: "setup worker") gives that role an alternate title: FOH -> Live Sound Engineer."""
    found = defaultdict(list)
    for title in role_titles:
        title_stems = stem_sequence(title)
        for synonym in synonyms:
            if synonym.on_topic and any(
                target == title_stems or (len(target) >= 2 and _contains(title_stems, target))
                for target in synonym.targets
            ):
                found[title].append(synonym.phrase)
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
        _part(SYNONYM, SynonymModel.objects.all(), "phrases", "also_search", "on_topic"),
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
        parts = [role["title"], documents.own_titles(role), role["summary"], role["body"], *role["skills"]]
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
    names = set()
    role_titles = []
    count = tokens = 0
    roles = documents.all_roles()
    rows = _rows()
    for kind, title, text in _texts(roles, rows):
        count += 1
        names.add(stem_sequence(title))
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
    for role in roles:
        names.update(stem_sequence(title) for title in documents.own_titles(role).split(","))
    names.update(stem_sequence(organisation) for _, _, organisation, *_ in rows[ALUMNUS])
    alumni_stems = set(stem_sequence(about_alumni(""))) | {s for s in stem_tokens if s.isdigit()}
    name_stems |= alumni_stems
    skills = _skills(rows[SKILL])
    for _, _, skill_stems in skills:
        name_stems |= skill_stems
    synonyms = _synonyms(rows[SYNONYM])
    synonym_words = set()
    for synonym in synonyms:
        synonym_words |= {w for w in words(synonym.phrase) if len(w) >= MIN_WORD_LENGTH and w not in STOPWORDS}
        if synonym.on_topic:
            name_stems |= set(synonym.said)
            for target in synonym.targets:
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
        alumni_stems=frozenset(alumni_stems),
        names=_by_first(names),
        synonyms=synonyms,
        synonym_words=frozenset(synonym_words),
        spelling_choices=_by_length(
            {w for w in word_counts if len(w) >= MIN_WORD_LENGTH} | synonym_words | FIELD_WORDS
        ),
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
