"""The pieces of person search that do not touch the database: folding, sound codes, scoring.

Names are folded the same way when they are indexed and when they are searched for: accents
removed (Siân -> sian), lower case, apostrophes dropped (O'Brien -> obrien), anything else that
is not a letter or digit becomes a space.

Sound codes: on PostgreSQL the index holds double metaphone codes computed by `fuzzystrmatch`
in the database. On SQLite it holds `sound_key`, a consonant skeleton close to metaphone's
primary code (Khan and Kahn -> KN; Mohammed and Muhammad -> MHMT).
"""

import functools
import re
import unicodedata
from dataclasses import dataclass

_APOSTROPHES = re.compile(r"['’`‘]")
_NOT_ALNUM = re.compile(r"[^a-z0-9]+")
_SPECIAL = {"ß": "ss", "æ": "ae", "œ": "oe", "ø": "o", "ł": "l", "đ": "d", "ð": "d", "þ": "th"}


def fold(text: str) -> str:
    """Lower case, accents removed, punctuation to spaces, single spaces."""
    decomposed = unicodedata.normalize("NFKD", text or "")
    plain = "".join(c for c in decomposed if not unicodedata.combining(c)).lower()
    plain = "".join(_SPECIAL.get(c, c) for c in plain)
    plain = _APOSTROPHES.sub("", plain)
    return " ".join(_NOT_ALNUM.sub(" ", plain).split())


def _translate_table() -> tuple[str, str]:
    """Accented letters and their plain forms, for PostgreSQL's translate() in bulk rebuilds."""
    source, target = [], []
    ranges = [(0xC0, 0x250), (0x1E00, 0x1F00)]
    for start, end in ranges:
        for point in range(start, end):
            char = chr(point)
            plain = fold(char)
            if len(plain) == 1 and plain.isascii() and plain.isalpha() and plain != char:
                source.append(char)
                target.append(plain)
    return "".join(source), "".join(target)


TRANSLATE_FROM, TRANSLATE_TO = _translate_table()


def fold_sql(column: str) -> str:
    """A PostgreSQL expression folding `column` as `fold` does (for the letters it maps)."""
    return (
        "btrim(regexp_replace(regexp_replace(lower(translate({col}, '{src}', '{dst}')), "
        "'[''’`‘]', '', 'g'), '[^a-z0-9]+', ' ', 'g'))"
    ).format(col=column, src=TRANSLATE_FROM.replace("'", "''"), dst=TRANSLATE_TO)


_VOWELS = set("aeiou")
_START = [("kn", "n"), ("gn", "n"), ("pn", "n"), ("wr", "r"), ("wh", "w"), ("x", "s")]
_PAIRS = [("sch", "sk"), ("ph", "f"), ("ck", "k"), ("sh", "x"), ("th", "0"), ("gh", "g")]


def sound_key(name: str) -> str:
    """A short code for how a name sounds (SQLite's stand-in for double metaphone)."""
    word = fold(name).replace(" ", "")
    word = "".join(c for c in word if c.isalpha())
    if not word:
        return ""
    for old, new in _START:
        if word.startswith(old):
            word = new + word[len(old) :]
            break
    for old, new in _PAIRS:
        word = word.replace(old, new)
    # collapse doubled letters first: Mohammed -> mohamed
    word = re.sub(r"(.)\1+", r"\1", word)
    out: list[str] = []
    for i, char in enumerate(word):
        prev = word[i - 1] if i else ""
        nxt = word[i + 1] if i + 1 < len(word) else ""
        if char in _VOWELS or char == "y":
            if i == 0:
                out.append("A")
            continue
        if char == "h":
            # kept only between vowels (Mohammed), dropped after a consonant or before one
            if prev in _VOWELS and nxt in _VOWELS or (i == 0 and nxt in _VOWELS):
                out.append("H")
            continue
        if char == "w":
            if nxt in _VOWELS:
                out.append("W")
            continue
        code = {
            "c": "S" if nxt in ("e", "i", "y") else "K",
            "g": "J" if nxt in ("e", "i", "y") else "K",
            "q": "K",
            "z": "S",
            "d": "T",
            "v": "F",
            "0": "0",
            "x": "X",
        }.get(char, char.upper())
        out.append(code)
    collapsed = re.sub(r"(.)\1+", r"\1", "".join(out))
    return collapsed[:6]


def trigrams(text: str) -> frozenset[str]:
    """pg_trgm's trigrams: each word padded with two spaces before and one after."""
    return _folded_trigrams(fold(text))


@functools.lru_cache(maxsize=8192)
def _folded_trigrams(folded: str) -> frozenset[str]:
    grams: set[str] = set()
    for word in folded.split():
        padded = f"  {word} "
        grams.update(padded[i : i + 3] for i in range(len(padded) - 2))
    return frozenset(grams)


def similarity(a: str, b: str) -> float:
    """Share of trigrams in common, as pg_trgm's similarity()."""
    return _similarity(trigrams(a), trigrams(b))


def _similarity(left: frozenset[str], right: frozenset[str]) -> float:
    if not left or not right:
        return 0.0
    return len(left & right) / len(left | right)


def _folded_similarity(a: str, b: str) -> float:
    """`similarity` for names already folded (the index's and the query's)."""
    return _similarity(_folded_trigrams(a), _folded_trigrams(b))


def fts_match_query(folded: str) -> str:
    """An FTS5 query for the SQLite trigram table: any of the query's trigrams (ranked by bm25)."""
    grams = {folded[i : i + 3] for i in range(len(folded) - 2)}
    grams = {g for g in grams if g.strip() == g and " " not in g}
    return " OR ".join(f'"{g}"' for g in sorted(grams))


def first_word(folded: str) -> str:
    return folded.split(" ", 1)[0] if folded else ""


def last_word(folded: str) -> str:
    return folded.rsplit(" ", 1)[-1] if folded else ""


# PostgreSQL forms of first_word / last_word over a folded column
FIRST_WORD_SQL = "split_part({col}, ' ', 1)"
LAST_WORD_SQL = "regexp_replace({col}, '^.* ', '')"


@dataclass(frozen=True)
class NameQuery:
    """What was typed into the name box, split the way the index is."""

    folded: str
    given: str
    family: str

    @classmethod
    def parse(cls, text: str) -> "NameQuery":
        folded = fold(text)
        words = folded.split()
        if len(words) >= 2:
            return cls(folded=folded, given=words[0], family=words[-1])
        return cls(folded=folded, given=folded, family="")


def score(
    *, query: NameQuery, full_name: str, given: str, family: str, sounds_alike: bool
) -> float:
    """How well one indexed name matches: exact 1.0, then close spellings, then sound-alikes.
    The names given are folded already (as the index holds them and `NameQuery` parses)."""
    if full_name == query.folded:
        return 1.0
    similar = _folded_similarity
    best = similar(query.folded, full_name)
    if query.family:
        both = (similar(query.given, given) + similar(query.family, family)) / 2
        swapped = (similar(query.given, family) + similar(query.family, given)) / 2
        best = max(best, both, swapped)
    else:
        best = max(best, similar(query.folded, given), similar(query.folded, family))
    if sounds_alike:
        best = max(best, 0.45) + 0.1
    return min(best, 0.99)
