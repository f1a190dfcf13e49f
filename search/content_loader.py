"""Loads the field's synonyms (search/content/synonyms.yaml) for ``load_portal_content``."""

from pathlib import Path

import yaml

from search.models import Synonym

SYNONYMS_FILE = Path(__file__).resolve().parent / "content" / "synonyms.yaml"


def load_synonyms(path=SYNONYMS_FILE, *, reset=False):
    """Create the synonyms the file names that are missing; with ``reset``, rewrite existing ones.
    Editors' own synonyms and their edits are kept. Returns the phrases created or reset."""
    items = yaml.safe_load(path.read_text(encoding="utf-8"))
    existing = {synonym.phrases: synonym for synonym in Synonym.objects.all()}
    changed = []
    for item in items:
        synonym = existing.get(item["say"])
        on_topic = item.get("on_topic", True)
        if synonym is None:
            synonym = Synonym(phrases=item["say"], also_search=item["also"], on_topic=on_topic)
        elif reset and (synonym.also_search, synonym.on_topic) != (item["also"], on_topic):
            synonym.also_search, synonym.on_topic = item["also"], on_topic
        else:
            continue
        synonym.full_clean()
        synonym.save()
        changed.append(synonym.phrases)
    return changed
