"""One ranking for every kind of result, the same on SQLite, PostgreSQL and Elasticsearch.

The search backend finds candidates; this module orders them. A document scores, for each query
term, the term's rarity (inverse document frequency over the whole portal) times the weight of the
best field it appears in, plus a little for each further field. Title and the person's name weigh
most, then summary and skills, then body text. Documents that match more of the query's terms come
first; a title that contains the whole query gets a bonus.
"""

from search.text import stems, words

FIELD_WEIGHTS = {"title": 5.0, "person": 4.0, "summary": 3.0, "skills": 3.0, "body": 1.0}
EXTRA_FIELD_SHARE = 0.25
WHOLE_QUERY_IN_TITLE_BONUS = 2.0


def score(document, term_stems, vocabulary, phrase=""):
    field_stems = {name: stems(text) for name, text in document.fields.items()}
    total = 0.0
    matched = 0
    for term in term_stems:
        weights = sorted((FIELD_WEIGHTS[name] for name, found in field_stems.items() if term in found), reverse=True)
        if not weights:
            continue
        matched += 1
        total += vocabulary.idf(term) * (weights[0] + EXTRA_FIELD_SHARE * sum(weights[1:]))
    if not matched:
        return 0.0
    coverage = matched / len(term_stems)
    total *= 0.5 + 0.5 * coverage
    if phrase and phrase in " ".join(words(document.fields.get("title", ""))):
        total *= WHOLE_QUERY_IN_TITLE_BONUS
    return total


def rank(docs, term_stems, vocabulary, phrase=""):
    for doc in docs:
        doc.score = score(doc, term_stems, vocabulary, phrase)
    ranked = [doc for doc in docs if doc.score > 0]
    ranked.sort(key=lambda doc: (-doc.score, doc.title))
    return ranked
