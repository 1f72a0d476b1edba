"""Load the verb-pattern lexicon (verbs.tsv), complement frames (frames.tsv) and the
nouns that refer to or carry events (event_nouns.tsv, noun_events.tsv)."""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from spacy.tokens import Token

from ..errors import DictionaryError
from ..nlp.morphology import noun_plurals, verb_inflections
from ..tables import alternatives, data_path, read_header, read_tsv
from .codes import CodeInfo, CodeTable

VERB_COLUMNS = ("cameo", "verb", "object", "prep", "frame")
NO_EVENT = "---"  # a verbs.tsv code that blocks a reading ("meet a requirement")
PLACE_OBJECT = "@place"  # a verbs.tsv object: any country or capital name ("seized Damascus")


@dataclass(frozen=True)
class VerbPattern:
    """One trigger: verb lemma (+ particle), optional object noun and target preposition."""

    cameo: str
    verb: str
    particle: str | None
    objects: frozenset[str]
    prep: str | None
    frame: str | None
    rule: str
    reverse: bool = False  # the prep's object acts on the subject ("received jets from")
    # the act is the speaker's, on the clause's subject: in "Seoul warned that Pyongyang
    # would regret it", Seoul threatens Pyongyang (coded only in reported speech)
    speaker: bool = False

    @property
    def shape(self) -> tuple:
        """What the pattern matches; a user's pattern of the same shape replaces ours."""
        return self.verb, self.particle, self.objects, self.prep

    @property
    def specificity(self) -> int:
        """Parts named; a two-word object ("hunger strike") names a modifier too."""
        return bool(self.particle) + bool(self.objects) + bool(self.prep) \
            + any(" " in noun for noun in self.objects)


@dataclass
class VerbLexicon:
    by_lemma: dict[str, list[VerbPattern]] = field(default_factory=dict)
    frames: dict[str, dict[str, str]] = field(default_factory=dict)
    event_nouns: dict[str, frozenset[str]] = field(default_factory=dict)  # noun -> roots
    # "talks between A and B", "Russia's attack on Kyiv": noun lemma -> its patterns
    noun_events: dict[str, list[VerbPattern]] = field(default_factory=dict)
    # irregular_verbs.tsv: lemma -> its irregular forms (for the pre-parse screens), and
    # form -> lemma, for forms the parser leaves unlemmatised
    irregular: dict[str, set[str]] = field(default_factory=dict)
    irregular_lemmas: dict[str, str] = field(default_factory=dict)

    def patterns(self, lemma: str) -> list[VerbPattern]:
        return self.by_lemma.get(lemma, [])

    def lemma(self, verb: Token) -> str:
        """The verb's lemma, or where the parser kept an irregular form as its own lemma
        ("retook"), the lemma irregular_verbs.tsv gives it ("retake")."""
        lemma = verb.lemma_.lower()
        if lemma in self.by_lemma:
            return lemma
        return self.irregular_lemmas.get(verb.lower_, lemma)

    def frame_code(self, frame: str, complement: str | None) -> str | None:
        """The code `frame` takes for a complement coded `complement` (a code or a root):
        the longest prefix of it listed in frames.tsv wins, then the frame's `*`."""
        table = self.frames.get(frame, {})
        prefixes = [complement[:n] for n in range(len(complement), 1, -1)] if complement else []
        return next((table[p] for p in prefixes if p in table), None) or table.get("*")

    def produced_codes(self) -> set[str]:
        """Every CAMEO code some pattern, frame or event noun can give."""
        codes = {p.cameo for patterns in self.by_lemma.values() for p in patterns}
        codes |= {code for table in self.frames.values() for code in table.values()}
        codes |= {p.cameo for patterns in self.noun_events.values() for p in patterns}
        return codes - {NO_EVENT}

    def trigger_needs(self, irregular: dict[str, set[str]]
                      ) -> dict[str, frozenset[frozenset[str]]]:
        """For the pre-parse screen: each word form a trigger can take, and what else a
        sentence must hold for one of its patterns to match: a set of words of which one
        must be present (the pattern's object nouns, or its particle or preposition), or
        the empty set when the form is enough. "has" is worth parsing only next to
        "talks", "meeting", ...: `have+talk|meeting|...`."""
        needs: dict[str, set[frozenset[str]]] = {}
        for lemma, patterns in self.by_lemma.items():
            wanted = {needed_words(p) for p in patterns if p.cameo != NO_EVENT}
            for form in verb_forms([lemma], irregular):
                needs.setdefault(form, set()).update(wanted)
        for noun in self.noun_events:  # "Putin's visit to Beijing", "the invasions of ..."
            for form in (noun, *noun_plurals(noun, guesses=True)):
                needs.setdefault(form, set()).add(frozenset())
        return {form: frozenset(sets) for form, sets in needs.items() if sets}


def needed_words(pattern: VerbPattern) -> frozenset[str]:
    """Words of which a sentence must hold one for `pattern` to match there (empty:
    none): an object noun in any number, else the particle or the preposition. An
    `@place` object is a name the screen already requires."""
    if pattern.objects and "@place" not in pattern.objects:
        heads = {noun.split()[-1] for noun in pattern.objects}
        return frozenset(form for head in heads
                         for form in (head, *noun_plurals(head, guesses=True)))
    if pattern.particle:
        return frozenset({pattern.particle})
    if pattern.prep and not pattern.objects:
        return frozenset({pattern.prep})
    return frozenset()


def uncovered_codes(codes: CodeTable, lexicon: VerbLexicon) -> list[CodeInfo]:
    """The codes of `codes` that nothing in `lexicon` produces, in table order. A root
    (01-20) is a heading, not an event: it is listed only when no code under it is produced."""
    produced = lexicon.produced_codes()
    roots = {codes.root_of(code) for code in produced if code in codes}
    return [info for code, info in codes.codes.items()
            if code not in produced and not (code == info.root and code in roots)]


def verb_forms(lemmas, irregular: dict[str, set[str]]) -> set[str]:
    """Every word form the verbs `lemmas` can take, irregular ones included."""
    return {form for lemma in lemmas
            for form in inflections(lemma) | irregular.get(lemma, set())}


def inflections(lemma: str) -> set[str]:
    """Regular English verb forms: -s, -ed, -ing, with the usual spelling changes, and
    the plain endings too (they only pre-filter sentences: a guess costs nothing)."""
    return verb_inflections(lemma, guesses=True)


def load_irregular_verbs(path: Path | None = None) -> dict[str, set[str]]:
    path = path or data_path("coding", "irregular_verbs.tsv")
    return {row["lemma"]: set(alternatives(row["forms"]))
            for _, row in read_tsv(path, ("lemma", "forms"))}


def describe(verb: str, row: dict[str, str]) -> str:
    """Readable pattern name for the `rule` field: `extend+condolence>to`."""
    text = verb.lower().replace(" ", "_")
    if row["object"]:
        text += "+" + row["object"].lower()
    if row["prep"]:
        text += ">" + row["prep"].lower()
    if row["frame"]:
        text += f"[{row['frame']}]"
    if row.get("roles") in ("reverse", "speaker"):
        text += f"[{row['roles']}]"
    return text


def is_verbs_file(path: Path) -> bool:
    """Whether the file's header is that of verbs.tsv."""
    return set(VERB_COLUMNS) <= set(read_header(path))


def load_lexicon(codes: CodeTable, verbs_path: Path | None = None,
                 frames_path: Path | None = None, own_verbs: Sequence[Path] = ()
                 ) -> VerbLexicon:
    """Read verbs.tsv and frames.tsv, checking every code against the code table; then
    the user's `own_verbs` files, whose patterns replace ours of the same shape."""
    verbs_path = verbs_path or data_path("coding", "verbs.tsv")
    frames_path = frames_path or data_path("coding", "frames.tsv")
    lexicon = VerbLexicon()
    lexicon.irregular = load_irregular_verbs()
    lexicon.irregular_lemmas = {form: lemma for lemma, forms in lexicon.irregular.items()
                                for form in forms}
    for number, row in read_tsv(frames_path, ("frame", "complement_root", "cameo")):
        if row["cameo"] not in codes:
            raise DictionaryError(str(frames_path), number, f"unknown CAMEO code {row['cameo']!r}")
        lexicon.frames.setdefault(row["frame"], {})[row["complement_root"]] = row["cameo"]
    for _, row in read_tsv(data_path("coding", "event_nouns.tsv"), ("noun", "roots")):
        lexicon.event_nouns[row["noun"].lower()] = frozenset(alternatives(row["roots"]))
    nouns_path = data_path("coding", "noun_events.tsv")
    for number, row in read_tsv(nouns_path, ("noun", "cameo", "prep")):
        if row["cameo"] not in codes:
            raise DictionaryError(str(nouns_path), number, f"unknown CAMEO code {row['cameo']!r}")
        if not row["prep"]:
            raise DictionaryError(str(nouns_path), number, "no preposition for the target")
        noun = row["noun"].lower()
        for prep in alternatives(row["prep"].lower()):
            lexicon.noun_events.setdefault(noun, []).append(VerbPattern(
                row["cameo"], noun, None, frozenset(), prep, None,
                f"noun_events.tsv:{number} {noun}>{prep}"))
    for pattern in read_verbs(verbs_path, codes, lexicon):
        lexicon.by_lemma.setdefault(pattern.verb, []).append(pattern)
    for path in own_verbs:
        if not is_verbs_file(Path(path)):
            raise DictionaryError(str(path), 1, "the header is not that of verbs.tsv "
                                                f"({', '.join(VERB_COLUMNS)})")
        own = read_verbs(Path(path), codes, lexicon)
        shapes = {p.shape for p in own}
        for pattern in own:
            patterns = lexicon.by_lemma.setdefault(pattern.verb, [])
            patterns[:] = [p for p in patterns if p.shape not in shapes]
        for pattern in own:
            lexicon.by_lemma[pattern.verb].append(pattern)
    return lexicon


def read_verbs(path: Path, codes: CodeTable, lexicon: VerbLexicon) -> list[VerbPattern]:
    """The patterns of a verbs.tsv file, checked against the codes and the lexicon's frames."""
    found = []
    for number, row in read_tsv(path, VERB_COLUMNS):
        if row["cameo"] not in codes and row["cameo"] != NO_EVENT:
            raise DictionaryError(str(path), number, f"unknown CAMEO code {row['cameo']!r}")
        if not alternatives(row["verb"]):
            raise DictionaryError(str(path), number, "no verb")
        if row["frame"] and row["frame"] not in lexicon.frames:
            raise DictionaryError(str(path), number, f"frame {row['frame']!r} is not defined "
                                                     "in frames.tsv")
        if row.get("roles") not in (None, "", "reverse", "speaker"):
            raise DictionaryError(str(path), number, f"unknown roles {row['roles']!r}")
        objects = frozenset(o.lower() for o in alternatives(row["object"]))
        for verb in alternatives(row["verb"]):
            lemma, _, particle = verb.lower().partition(" ")
            found.append(VerbPattern(row["cameo"], lemma, particle or None, objects,
                                     row["prep"].lower() or None, row["frame"] or None,
                                     f"{path.name}:{number} " + describe(verb, row),
                                     reverse=row.get("roles") == "reverse",
                                     speaker=row.get("roles") == "speaker"))
    return found
