"""Regular English inflection, written once for both coders.

PETRARCH compiles its dictionaries into exact surface forms, one per inflection: DEPART
gives DEPARTS, DEPARTED, DEPARTING and not DEPARTES. The bundled coder also lists the
`guesses`, every plain ending as well (depart -> departes, departd): its verb forms only
pre-filter sentences before parsing, its plurals are extra matcher patterns, so a form
nobody writes costs nothing while a missed one loses an event.

The words keep their case: a word without lower-case letters ("DENY", as PETRARCH's
dictionaries spell it) gets upper-case endings ("DENIED"), any other word lower-case ones.
"""
from __future__ import annotations

from collections.abc import Callable

VOWELS = "aeiou"
SIBILANT_ENDINGS = ("s", "x", "z", "ch", "sh")  # -es plurals and third persons: reaches


def _ending(word: str) -> Callable[[str, str], str]:
    """stem + ending, the ending in the word's case."""
    upper = not any(c.islower() for c in word)
    return lambda stem, ending: stem + (ending.upper() if upper else ending)


def _consonant_y(low: str) -> bool:
    """deny, party (not play, key): y turns into ie before -s and -ed."""
    return low.endswith("y") and len(low) > 1 and low[-2] not in VOWELS


def doubles_final(low: str) -> bool:
    """Consonant-vowel-consonant endings that double before -ed and -ing: stop -> stopped."""
    return len(low) > 2 and low[-1] not in VOWELS + "wxy" and low[-2] in VOWELS \
        and low[-3] not in VOWELS


def verb_inflections(lemma: str, *, guesses: bool = False) -> set[str]:
    """The lemma and its regular -s, -ed and -ing forms (deny -> denies, denied, denying;
    tie -> tying; stop -> stopped). With `guesses`, also the lemma with each plain ending
    (-s, -es, -d, -ed, -ing), e-less -ing (free -> freing) and doubling before -s/-z."""
    low, add = lemma.lower(), _ending(lemma)
    forms = {lemma}
    sibilant = low.endswith(SIBILANT_ENDINGS)
    if low.endswith("ie"):
        forms |= {add(lemma, "s"), add(lemma, "d"), add(lemma[:-2], "ying")}
    elif low.endswith("ee"):
        forms |= {add(lemma, "s"), add(lemma, "d"), add(lemma, "ing")}
    elif low.endswith("e"):
        forms |= {add(lemma, "s"), add(lemma, "d"), add(lemma[:-1], "ing")}
    elif _consonant_y(low):
        forms |= {add(lemma[:-1], "ies"), add(lemma[:-1], "ied"), add(lemma, "ing")}
    elif sibilant:
        forms |= {add(lemma, "es"), add(lemma, "ed"), add(lemma, "ing")}
    else:
        forms |= {add(lemma, "s"), add(lemma, "ed"), add(lemma, "ing")}
    if doubles_final(low) and (guesses or not sibilant):
        forms |= {add(lemma + lemma[-1], "ed"), add(lemma + lemma[-1], "ing")}
    if guesses:
        forms |= {add(lemma, ending) for ending in ("s", "es", "d", "ed", "ing")}
        if low.endswith("e"):
            forms.add(add(lemma[:-1], "ing"))
    return forms


def noun_plurals(word: str, *, guesses: bool = False) -> list[str]:
    """Regular plurals of a noun: party -> parties, church -> churches, chairman ->
    chairmen (and chairmans), else -s. With `guesses`, the plain -s form always too
    (churchs)."""
    low, add = word.lower(), _ending(word)
    if low.endswith("man"):
        found = [add(word[:-3], "men"), add(word, "s")]
    elif _consonant_y(low):
        found = [add(word[:-1], "ies")]
    elif low.endswith(SIBILANT_ENDINGS):
        found = [add(word, "es")]
    else:
        found = [add(word, "s")]
    if guesses and add(word, "s") not in found:
        found.append(add(word, "s"))
    return found
