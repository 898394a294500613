"""The commonest English words, shared by the mechanics rules that read ordinary words.

Why: a short unknown word one letter from one of these is a typing slip (misspelling),
and one of these capitalised after a comma opens a sentence (comma-ending); rarer
words sit beside slang, dialect and names.
"""

from __future__ import annotations

from functools import cache

from kzaudit.extract.entities import word_set


@cache
def frequent_words() -> frozenset[str]:
    """SCOWL levels 10 and 20, lower case (about 11,000 words; ``data/frequent_words.txt``)."""
    return word_set("frequent_words")
