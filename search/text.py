"""Turning visitors' queries and the portal's text into comparable terms.

A query is cut to ``MAX_QUERY_LENGTH`` characters, split into words (letters and digits in any script;
everything else, including quotes, operators and emoji, is a separator), lower-cased, stripped of
English stopwords and stemmed with the Snowball English stemmer, so "remastering" and "remaster"
meet. British spellings are read as American ones first ("theatre" meets "theater", "organising"
meets "organizing", "synthesiser" meets "synthesizer"). The same functions read the portal's own
text, so both sides agree on every database.
"""

import html
import re
from functools import lru_cache
from pathlib import Path

import snowballstemmer
from wordfreq import zipf_frequency

MAX_QUERY_LENGTH = 200
MAX_QUERY_TERMS = 12

APOSTROPHES = "'\u2019"
WORD_RE = re.compile(r"[^\W_]+", re.UNICODE)
TAG_RE = re.compile(r"<[^>]+>")
AMPERSAND_RE = re.compile(r"\b(\w)\s?&\s?(\w)\b")  # "A&R" and "R&B" are one word each: "ar", "rb"

STOPWORDS = frozenset(
    word
    for line in (Path(__file__).with_name("stopwords.txt")).read_text().splitlines()
    if not line.startswith("#")
    for word in line.split()
)

_NO_APOSTROPHES = str.maketrans("", "", APOSTROPHES)
_stemmer = snowballstemmer.stemmer("english")

# British endings and their American forms. The American form must be a common English word (Zipf >= 3
# in wordfreq's small list), so "tours" never becomes "tors"; a rare British "-ise" word ("digitise",
# "equaliser") is converted on its own, which is safe because the portal's text is converted the same way.
BRITISH_ENDINGS = [
    (re.compile(r"isation(s?)$"), r"ization\1", True),
    (re.compile(r"is(e|es|ed|ing|er|ers)$"), r"iz\1", True),
    (re.compile(r"ys(e|es|ed|ing)$"), r"yz\1", False),
    (re.compile(r"tre(s?)$"), r"ter\1", False),
    (re.compile(r"our(s?)$"), r"or\1", False),
    (re.compile(r"ogue(s?)$"), r"og\1", False),
    (re.compile(r"ence$"), r"ense", False),
    (re.compile(r"amme(s?)$"), r"am\1", False),
]
COMMON_ZIPF = 3.0
MIN_RARE_CONVERTED = 8


def _zipf(word):
    return zipf_frequency(word, "en", wordlist="small")


def american(word):
    """The American spelling of a British one ("theatre" -> "theater"), else the word itself."""
    if len(word) < 5:
        return word
    for pattern, replacement, rare_too in BRITISH_ENDINGS:
        if pattern.search(word):
            other = pattern.sub(replacement, word)
            if _zipf(other) >= COMMON_ZIPF or (rare_too and len(word) >= MIN_RARE_CONVERTED and not _zipf(word)):
                return other
            return word
    return word


def clean_query(raw):
    """The query as shown back to the visitor: NUL and control characters dropped, length capped."""
    text = "".join(ch for ch in (raw or "") if ch.isprintable() or ch == " ")
    return " ".join(text.split())[:MAX_QUERY_LENGTH]


def words(text):
    """Lower-cased words of ``text`` (HTML tags removed), apostrophes folded away."""
    text = TAG_RE.sub(" ", text or "").lower()
    if "&" in text:
        text = AMPERSAND_RE.sub(r"\1\2", html.unescape(text))
    if "'" in text or "\u2019" in text:
        text = text.translate(_NO_APOSTROPHES)
    return WORD_RE.findall(text)


# "-or" is folded only where what is left is an English word ("edit", "direct", "supervise") and the
# two are not different words that happen to look alike.
NOT_AGENT_NOUNS = frozenset(
    [
        "factor",
        "labor",
        "sensor",
        "minor",
        "error",
        "manor",
        "donor",
        "mayor",
        "tractor",
        "sector",
        "pastor",
        "tenor",
        "razor",
        "visor",
        "color",
        "mentor",
    ]
)


@lru_cache(maxsize=50_000)
def stem(word):
    """Snowball's English stem of the American spelling, with the agent suffixes "-er" and "-or" folded
    too, so that "mixer" meets "mixing", "designer" meets "design", "producer" meets "produce" and
    "editor" meets "editing"."""
    word = american(word)
    result = _stemmer.stemWord(word)
    if result.endswith("or") and len(result) >= 5 and result not in NOT_AGENT_NOUNS:
        base = result[:-2]
        if _zipf(base) >= COMMON_ZIPF or _zipf(base + "e") >= COMMON_ZIPF:
            return _stemmer.stemWord(base if _zipf(base) >= COMMON_ZIPF else base + "e")
    if result.endswith("er") and len(result) >= 5:
        result = result[:-2]
    return result


def query_words(text):
    """The meaningful words of a query, in order, without duplicates, at most ``MAX_QUERY_TERMS``."""
    seen = []
    for word in words(text):
        if word not in STOPWORDS and word not in seen:
            seen.append(word)
    return seen[:MAX_QUERY_TERMS]


def stems(text):
    return {stem(word) for word in words(text) if word not in STOPWORDS}


def stem_sequence(text):
    """The stems of ``text``'s meaningful words, in order (for phrases)."""
    return tuple(stem(word) for word in words(text) if word not in STOPWORDS)
