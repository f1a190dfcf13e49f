"""One ranking for every kind of result, the same on SQLite, PostgreSQL and Elasticsearch.

The search backend finds candidates; this module orders them. Each query term (a typed word, or a
word of a synonym's "also search", weighted ``SYNONYM_WEIGHT``) scores the weight of the best field it
appears in times its rarity, plus a little for each further field. Rarity is the inverse document
frequency over the whole portal, but in titles over the roles' titles alone: a title word most roles
share ("engineer") counts less than a rare word in a summary. A term appears in a field when any word
with the term's stem does ("remastering" matches "remaster"). Then:

- documents covering more of the typed words come first (a synonym covers the words it stands for);
- words that stand together in a title or an alternate title (a phrase) beat the same words
  scattered: a bonus per extra word of the longest run of query words found in order;
- a title that contains the whole query (as typed, or with its typos corrected) gets a further bonus;
- a word any job search uses ("new", "jobs") weighs `GENERIC_WEIGHT`.
"""

from dataclasses import dataclass

from search.documents import TITLE_FIELDS

FIELD_WEIGHTS = {
    "title": 4.0,
    "alt_titles": 3.5,
    "person": 4.0,
    "summary": 3.0,
    "skills": 2.5,
    "about": 2.0,
    "body": 1.0,
}
EXTRA_FIELD_SHARE = 0.25
SYNONYM_WEIGHT = 0.8
TYPO_WEIGHT = 0.9  # the nearest known word to a word that is not one
GENERIC_WEIGHT = 0.3  # a word any job search uses ("new", "jobs", "career")
PHRASE_BONUS = 0.6  # per word of a phrase beyond the first
WHOLE_QUERY_IN_TITLE_BONUS = 1.5
MIN_COVERAGE_SHARE = 0.4


@dataclass(frozen=True)
class Term:
    stem: str
    variants: frozenset  # indexed words with this stem
    covers: frozenset  # positions of the typed words it stands for
    weight: float = 1.0


def _runs(sequence, phrase):
    """The longest run of ``phrase``'s stems found in order, next to each other, in ``sequence``."""
    best = 0
    for start in range(len(phrase)):
        for offset in range(len(sequence)):
            length = 0
            while (
                start + length < len(phrase)
                and offset + length < len(sequence)
                and sequence[offset + length] == phrase[start + length]
            ):
                length += 1
            best = max(best, length)
    return best


def score(document, terms, vocabulary, *, positions, phrases=(), wholes=()):
    """The document's score; its ``covered`` is set to the positions of the typed words it matches."""
    field_words = document.field_words
    total = 0.0
    covered = set()
    for term in terms:
        weights = sorted(
            (
                FIELD_WEIGHTS[name]
                * (vocabulary.title_idf(term.stem) if name in TITLE_FIELDS else vocabulary.idf(term.stem))
                for name, found in field_words.items()
                if not found.isdisjoint(term.variants)
            ),
            reverse=True,
        )
        if not weights:
            continue
        covered |= term.covers
        total += term.weight * (weights[0] + EXTRA_FIELD_SHARE * sum(weights[1:]))
    document.covered = frozenset(covered)
    if not covered:
        return 0.0
    total *= MIN_COVERAGE_SHARE + (1 - MIN_COVERAGE_SHARE) * len(covered) / max(positions, 1)
    title_stems = document.title_stems
    run = max(
        (
            _runs(title, phrase)
            for phrase in phrases
            if len(title_stems.intersection(phrase)) >= 2
            for title in document.title_sequences
        ),
        default=0,
    )
    if run >= 2:
        total *= 1 + PHRASE_BONUS * (run - 1)
    if any(whole and whole in document.title_text for whole in wholes):
        total *= WHOLE_QUERY_IN_TITLE_BONUS
    return total


def rank(docs, terms, vocabulary, *, positions, phrases=(), wholes=()):
    phrases = [phrase for phrase in dict.fromkeys(phrases) if len(phrase) >= 2]  # one word is no phrase
    for doc in docs:
        doc.score = score(doc, terms, vocabulary, positions=positions, phrases=phrases, wholes=wholes)
    ranked = [doc for doc in docs if doc.score > 0]
    ranked.sort(key=lambda doc: (-doc.score, doc.title))
    return ranked
