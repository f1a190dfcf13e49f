"""One ranking for every kind of result, the same on SQLite, PostgreSQL and Elasticsearch.

The search backend finds candidates; this module orders them. A document scores, for each query
term, the term's rarity (inverse document frequency over the whole portal) times the weight of the
best field it appears in, plus a little for each further field. A term appears in a field when any
indexed word with the term's stem does ("remastering" matches "remaster" and "remastered"). Title
and the person's name weigh most, then summary and skills, then body text. Documents that match more
of the query's terms come first; a title that contains the whole query gets a bonus.
"""

from search.text import words

FIELD_WEIGHTS = {"title": 5.0, "person": 4.0, "summary": 3.0, "skills": 3.0, "body": 1.0}
EXTRA_FIELD_SHARE = 0.25
WHOLE_QUERY_IN_TITLE_BONUS = 2.0


def score(document, terms, vocabulary, phrase=""):
    """``terms`` maps each query stem to the set of indexed words that share it."""
    field_words = {name: set(words(text)) for name, text in document.fields.items()}
    total = 0.0
    matched = 0
    for term_stem, variants in terms.items():
        weights = sorted(
            (FIELD_WEIGHTS[name] for name, found in field_words.items() if not found.isdisjoint(variants)),
            reverse=True,
        )
        if not weights:
            continue
        matched += 1
        total += vocabulary.idf(term_stem) * (weights[0] + EXTRA_FIELD_SHARE * sum(weights[1:]))
    if not matched:
        return 0.0
    total *= 0.5 + 0.5 * matched / len(terms)
    if phrase and phrase in " ".join(words(document.fields.get("title", ""))):
        total *= WHOLE_QUERY_IN_TITLE_BONUS
    return total


def rank(docs, terms, vocabulary, phrase=""):
    for doc in docs:
        doc.score = score(doc, terms, vocabulary, phrase)
    ranked = [doc for doc in docs if doc.score > 0]
    ranked.sort(key=lambda doc: (-doc.score, doc.title))
    return ranked
