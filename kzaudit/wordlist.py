"""A large sorted word list that answers ``word in words`` without loading it first.

Why: the common-word list has about 120,000 entries. Turning it into a
``frozenset`` takes some 25 ms -- a tenth of a one-article run -- while that
run asks it only a few hundred questions. :class:`SortedWords` keeps the file
as one string and answers by binary search over its lines (about 17 probes a
question); once it has been asked :data:`PROMOTE_AFTER` questions (a batch
run), it builds the set and answers by hashing from then on. Both ways give
the same answers; the data file must be sorted (a test checks it).
"""

from __future__ import annotations

PROMOTE_AFTER = 4096


class SortedWords:
    """Membership in a newline-separated, sorted, duplicate-free word list."""

    __slots__ = ("_text", "_lo", "_hi", "_asked", "_set")

    def __init__(self, words_text: str, start: int = 0) -> None:
        """``words_text[start:]`` holds the words, one a line (a header may come before).

        The text is used in place when a newline precedes ``start`` and ends it (no
        copy of a 1 MB list); otherwise a normalised copy is made.
        """
        if start > 0 and words_text[start - 1] == "\n" and words_text.endswith("\n"):
            self._text, self._lo = words_text, start - 1
        else:
            body = words_text[start:].strip("\n")
            self._text, self._lo = (f"\n{body}\n" if body else "\n"), 0
        self._hi = len(self._text) - 1  # the final newline
        self._asked = 0
        self._set: frozenset[str] | None = None

    def __contains__(self, word: object) -> bool:
        if self._set is not None:
            return word in self._set
        if not isinstance(word, str) or not word or "\n" in word:
            return False
        self._asked += 1
        if self._asked > PROMOTE_AFTER:
            self._set = frozenset(self._words())
            return word in self._set
        return self._search(word)

    def fast(self) -> SortedWords | frozenset[str]:
        """The set once promoted (cheaper to ask), else this list."""
        return self if self._set is None else self._set

    def _search(self, word: str) -> bool:
        text = self._text
        lo, hi = self._lo, self._hi  # text[lo] and text[hi] are newlines bracketing the range
        while lo < hi:
            half = (lo + hi) // 2
            cut = text.rfind("\n", lo + 1, half + 1)
            if cut == -1:
                cut = text.find("\n", max(half, lo + 1), hi)
                if cut == -1:  # a single line is left between lo and hi
                    return text[lo + 1 : hi] == word
            end = text.find("\n", cut + 1)
            probe = text[cut + 1 : end]
            if probe == word:
                return True
            if word < probe:
                hi = cut
            else:
                lo = end
        return False

    def _words(self) -> list[str]:
        return self._text[self._lo + 1 : self._hi].split("\n") if self._hi > self._lo else []

    def __iter__(self):  # noqa: ANN204 - a plain iterator of str
        return iter(self._words())

    def __len__(self) -> int:
        return self._text.count("\n", self._lo, self._hi + 1) - 1
