"""Read PETRARCH-2 dictionaries: verbs, actors, agents, discards and PETR_config.ini.

Each reader is a pure function, path in and typed records out. With
`strict=True` (the default) the first malformed entry raises DictionaryError
naming the file, line and reason. With `strict=False` the entry is skipped and
the same error is kept in the result's `problems`, so that large legacy files
with a few typos (the Phoenix dictionaries have some) can still be used.

Formats (Petrarch2.tex, petrarch.rst and the files themselves):

- verbs: `&NAME` synonym sets with `+member` lines; `--- NAME [code] ---` blocks
  whose verb lines are `WORD {IRREGULAR FORMS} [code]` (`+` marks the inflected
  word of a multi-word verb: `WIRE_+TAP`); pattern lines `- pre * post [code]`
  with words, `&SYNSETS`, `$` source, `+` target, `%` compound actor, `^` skip;
  `_` joins adjacent words; `(PREP NOUN)` and `{NOUN PHRASE}` groups; codes
  `[064]`, `[031:032]` (an event and its reverse), `[---]` (no event);
  transformations `~ a (b c VERB) UPPER = x y CODE`.
- actors: `NAME [CODE]`, `+SYNONYM` lines, codes on following lines, date
  restrictions `[CODE >YYMMDD]`, `[CODE <YYMMDD]`, `[CODE YYMMDD-YYMMDD]`
  (YYYYMMDD also accepted), several codes for one name as `[ELR/GAL]`.
- agents: `!PERSON! = MAN, MEN, ...` substitutions; `PHRASE {PLURALS} [~GOV]`
  (code after the country) or `[NGO~]` (before it).
- discards: one phrase a line; a leading `+` drops the whole story.
"""
from __future__ import annotations

import configparser
import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from ..errors import DictionaryError
from .entries import (
    ActorDictionary,
    ActorEntry,
    AgentDictionary,
    AgentEntry,
    DatedCode,
    Discard,
    DiscardList,
    PatternItem,
    PetrarchDictionaries,
    Transformation,
    VerbBlock,
    VerbDictionary,
    VerbEntry,
    VerbPattern,
)

MARKERS = {"$": "source", "+": "target", "%": "compound", "^": "skip"}
CODE_RE = re.compile(r"^[A-Za-z0-9/+#*!?-]+$")
EVENT_CODE_RE = re.compile(r"^[A-Za-z0-9+#*!?-]*(:[A-Za-z0-9+#*!?-]*)?$")
DATED_RE = re.compile(r"^(?P<code>\S+?)\s*(?:(?P<op>[<>])\s*(?P<day>\S+)|\s(?P<rest>.*))?$")
RANGE_RE = re.compile(r"^(?P<first>\d+)\s*-\s*(?P<last>\d+)$")
VERB_LINE_RE = re.compile(r"^(?P<words>[^{\[]+?)\s*(?:\{(?P<forms>[^}]*)\})?\s*"
                          r"(?:\[(?P<code>[^\]]*)\])?\s*$")
TRANSFORM_RE = re.compile(r"^~\s*(\S+)\s*\(\s*(\S+)\s+(\S+)\s+([^\s)]+)\s*\)\s*(\S+)\s*=\s*"
                          r"(\S+)\s+(\S+)\s+(\S+)\s*$")
AGENT_LINE_RE = re.compile(r"^(?P<phrase>[^{\[]+?)\s*(?:\{(?P<plurals>[^}]*)\})?\s*"
                           r"\[(?P<code>[^\]]*)\]\s*$")
SUBSTITUTION_RE = re.compile(r"^(?P<name>![A-Z0-9_]+!)\s*=\s*(?P<values>.+)$")


class _Problems:
    """Raise the first problem (strict) or collect them all."""

    def __init__(self, path: Path, strict: bool):
        self.path = str(path)
        self.strict = strict
        self.found: list[DictionaryError] = []

    def __call__(self, line: int, reason: str) -> None:
        error = DictionaryError(self.path, line, reason)
        if self.strict:
            raise error
        self.found.append(error)


def _lines(path: Path) -> Iterator[tuple[int, str]]:
    """(line number, text) of a dictionary file; UTF-8, else Latin-1."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as err:
        raise DictionaryError(str(path), 0, f"cannot read the file: {err.strerror}") from err
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = data.decode("latin-1")
    for number, line in enumerate(text.splitlines(), start=1):
        yield number, line


def _strip_comment(line: str) -> str:
    """The line without its `#` comment (a `#` inside [...] is part of a code)."""
    depth = 0
    for i, ch in enumerate(line):
        if ch == "[":
            depth += 1
        elif ch == "]":
            depth = max(depth - 1, 0)
        elif ch == "#" and depth == 0:
            return line[:i]
    return line


def _skippable(text: str) -> bool:
    """Blank lines and `<!-- ... -->` markup lines."""
    return not text or text.startswith("<")


def parse_date(text: str) -> dt.date:
    """YYMMDD (00-29 are 20xx) or YYYYMMDD; ValueError when it is neither."""
    if not text.isdigit() or len(text) not in (6, 8):
        raise ValueError(f"date {text!r} is not YYMMDD or YYYYMMDD")
    if len(text) == 6:
        year = int(text[:2])
        text = f"{2000 + year if year < 30 else 1900 + year}{text[2:]}"
    try:
        return dt.date(int(text[:4]), int(text[4:6]), int(text[6:]))
    except ValueError as err:
        raise ValueError(f"date {text!r}: {err}") from err


def parse_dated_code(text: str, line: int = 0) -> DatedCode:
    """`CODE`, `CODE >YYMMDD`, `CODE <YYMMDD` or `CODE YYMMDD-YYMMDD`; ValueError if not."""
    text = text.strip()
    m = DATED_RE.match(text)
    if not m or not CODE_RE.match(m["code"]) or m["code"][0].isdigit():
        raise ValueError(f"[{text}] is not [CODE], [CODE >YYMMDD], [CODE <YYMMDD] "
                         "or [CODE YYMMDD-YYMMDD]")
    code = m["code"].upper()
    if m["op"] == ">":
        return DatedCode(code, valid_from=parse_date(m["day"]), line=line)
    if m["op"] == "<":
        return DatedCode(code, valid_until=parse_date(m["day"]) - dt.timedelta(days=1),
                         line=line)
    if m["rest"]:
        span = RANGE_RE.match(m["rest"].strip())
        if not span:
            raise ValueError(f"[{text}]: a date needs <, > or the form YYMMDD-YYMMDD")
        first, last = parse_date(span["first"]), parse_date(span["last"])
        if first > last:
            raise ValueError(f"[{text}]: the range ends before it starts")
        return DatedCode(code, valid_from=first, valid_until=last, line=line)
    return DatedCode(code, line=line)


# -- verbs --------------------------------------------------------------------

def _phrase_words(text: str) -> tuple[list[str], int]:
    """Words of a verb line (`KLM_NOP_+RST`) and the index of the inflected one."""
    words, head = [], 0
    for part in re.split(r"[_\s]+", text.strip()):
        if not part:
            continue
        if part.startswith("+"):
            part = part[1:]
            head = len(words)
        if part:
            words.append(part.upper())
    return words, head


def parse_pattern(text: str) -> tuple[tuple[PatternItem, ...], tuple[PatternItem, ...], bool]:
    """Split `pre * post` into items before and after the verb; ValueError if malformed."""
    items: list[PatternItem] = []
    verb_at: int | None = None
    verb_joined = False
    text = re.sub(r"\*(?=[A-Za-z&$%^])", "* ", re.sub(r"(?<=[A-Za-z])\*", " *", text))
    chunks = text.replace("(", " ( ").replace(")", " ) ").replace("{", " { ").replace(
        "}", " } ").split()
    depth = {"(": 0, "{": 0}
    for chunk in chunks:
        if chunk in ("(", "{"):
            depth[chunk] += 1
            continue
        if chunk in (")", "}"):
            opener = "(" if chunk == ")" else "{"
            if depth[opener] == 0:
                raise ValueError(f"unbalanced {chunk!r} in pattern {text!r}")
            depth[opener] -= 1
            continue
        if chunk.startswith("_") and (items or verb_at is not None):
            if verb_at is not None and verb_at == len(items):
                verb_joined = True
            elif items:
                items[-1] = PatternItem(items[-1].kind, items[-1].value, True)
        parts = chunk.split("_")
        real = [p for p in parts if p]
        for k, part in enumerate(real):
            joined = k < len(real) - 1 or chunk.endswith("_")
            if part == "*":
                if verb_at is not None:
                    raise ValueError(f"pattern {text!r} has more than one *")
                verb_at = len(items)
                verb_joined = joined
                continue
            if part in MARKERS:
                item = PatternItem(MARKERS[part], part, joined)
            elif part.startswith("&"):
                item = PatternItem("synset", part[1:].rstrip("_").upper(), joined)
            else:
                item = PatternItem("word", part.upper(), joined)
            items.append(item)
    if depth["("] or depth["{"]:
        raise ValueError(f"unclosed ( or {{ in pattern {text!r}")
    if verb_at is None:
        raise ValueError(f"pattern {text!r} has no * for the verb")
    return tuple(items[:verb_at]), tuple(items[verb_at:]), verb_joined


def _verb_entry(text: str, number: int) -> VerbEntry:
    m = VERB_LINE_RE.match(text)
    if not m:
        raise ValueError(f"verb line {text!r} is not WORD {{FORMS}} [CODE]")
    words, head = _phrase_words(m["words"])
    if not words:
        raise ValueError("verb line has no verb")
    forms = None
    if m["forms"] is not None:
        found = []
        for form in m["forms"].split():
            form_words, _ = _phrase_words(form)
            if form_words:
                found.append(tuple(form_words))
        forms = tuple(found)
    code = m["code"].strip() if m["code"] is not None else None
    if code and not EVENT_CODE_RE.match(code):
        raise ValueError(f"code [{code}] is not a CAMEO code or ---")
    return VerbEntry(tuple(words), head, forms, code or None, number)


@dataclass
class _Block:
    name: str
    code: str | None
    line: int
    verbs: list
    patterns: list


def read_verbs(path: Path, *, strict: bool = True) -> VerbDictionary:
    """Read a PETRARCH verb dictionary (CAMEO.2.0.txt, PETR.Validate.verbs.txt)."""
    problems = _Problems(path, strict)
    result = VerbDictionary()
    block: _Block | None = None
    synset: str | None = None
    context = None  # "synset" or "block": where `+` lines go

    def close() -> None:
        if block is not None:
            result.blocks.append(VerbBlock(block.name, block.code, tuple(block.verbs),
                                           tuple(block.patterns), str(path), block.line))

    for number, raw in _lines(path):
        text = _strip_comment(raw).strip()
        if ";" in text and not text.startswith("-"):
            text = text.split(";", 1)[0].strip()  # TABARI-style `;comment`
        if _skippable(text):
            continue
        if text.startswith("---"):
            close()
            m = re.match(r"^-{3,}\s*(?P<name>[^\[]*?)\s*(?P<codes>(?:\[[^\]]*\]\s*)*)[-\s]*$", text)
            if not m or not m["name"]:
                problems(number, f"block header {text!r} is not --- NAME [CODE] ---")
                block, context = None, None
                continue
            codes = re.findall(r"\[([^\]]*)\]", m["codes"])
            code = codes[0].strip() if codes else None
            name = "_".join(m["name"].upper().split()).rstrip("_")
            block = _Block(name, code or None, number, [], [])
            context = "block"
        elif text.startswith("&"):
            name = text[1:].split()[0].rstrip("_").upper() if len(text) > 1 else ""
            if not name:
                problems(number, "synonym set without a name after &")
                continue
            synset = name
            result.synsets.setdefault(synset, ())
            context = "synset"
        elif text.startswith("+") and context == "synset":
            member = text[1:].strip().rstrip("_").strip()
            if member:
                result.synsets[synset] = result.synsets[synset] + (member.upper(),)
        elif text.startswith("-"):
            if block is None:
                problems(number, "pattern outside a --- VERB [CODE] --- block")
                continue
            context = "block"
            m = re.search(r"\[([^\]]*)\]\s*$", text)
            if not m:
                problems(number, f"pattern {text!r} has no [code] at the end")
                continue
            code = m[1].strip()
            if not code.strip(":") or not EVENT_CODE_RE.match(code):
                problems(number, f"pattern code [{code}] is not a CAMEO code or ---")
                continue
            body = text[1:m.start()].strip()
            try:
                pre, post, verb_joined = parse_pattern(body)
            except ValueError as err:
                problems(number, str(err))
                continue
            block.patterns.append(VerbPattern(pre, post, code, body, str(path), number,
                                              verb_joined))
        elif text.startswith("~"):
            m = TRANSFORM_RE.match(text)
            if not m:
                problems(number, f"transformation {text!r} is not "
                                 "~ a (b c VERB) UPPER = x y CODE")
                continue
            g = m.groups()
            result.transformations.append(Transformation(
                g[0], (g[1], g[2], g[3].upper()), g[4].upper(), (g[5], g[6], g[7].upper()),
                str(path), number))
        elif block is not None:
            context = "block"
            try:
                block.verbs.append(_verb_entry(text, number))
            except ValueError as err:
                problems(number, str(err))
        else:
            problems(number, f"{text!r} is outside any &SYNSET or --- VERB --- block")
    close()
    for name, members in result.synsets.items():
        for member in members:
            for ref in re.findall(r"&([A-Z0-9_]+)", member):
                if ref.rstrip("_") not in result.synsets:
                    problems(0, f"synonym set &{name} uses undefined &{ref}")
    result.problems = problems.found
    return result


# -- actors -------------------------------------------------------------------

def _codes_in(text: str, number: int, problems: _Problems) -> list[DatedCode]:
    found = []
    if text.count("[") != text.count("]"):
        problems(number, f"unbalanced [ ] in {text.strip()!r}")
        return found
    for inner in re.findall(r"\[([^\]]*)\]", text):
        try:
            found.append(parse_dated_code(inner, number))
        except ValueError as err:
            problems(number, str(err))
    return found


def read_actors(path: Path, *, strict: bool = True) -> ActorDictionary:
    """Read a PETRARCH actor dictionary (names, synonyms, dated codes)."""
    problems = _Problems(path, strict)
    result = ActorDictionary()
    names: list[str] = []
    codes: list[DatedCode] = []
    bracketed = False  # the entry had a [...], even one that could not be read
    start = 0

    def close() -> None:
        if names and codes:
            result.entries.append(ActorEntry(tuple(names), tuple(codes), str(path), start))

    for number, raw in _lines(path):
        text = _strip_comment(raw).strip()
        if _skippable(text):
            continue
        if text.startswith("["):
            if not names:
                problems(number, "code line before any actor name")
                continue
            codes.extend(_codes_in(text, number, problems))
            bracketed = True
        elif text.startswith("+"):
            if not names:
                problems(number, "synonym (+) before any actor name")
                continue
            name = text[1:].split("[", 1)[0].strip()
            if name:
                names.append(name)
            rest = text[1:][len(text[1:].split("[", 1)[0]):]
            codes.extend(_codes_in(rest, number, problems))
            bracketed = bracketed or "[" in rest
        else:
            name = text.split("[", 1)[0].strip()
            if bracketed:
                close()
                names, codes, bracketed = [], [], False
            if not names:
                start = number
            # a name without codes shares the codes of the names that follow it ("U.N._")
            names.append(name)
            rest = text[len(text.split("[", 1)[0]):]
            codes.extend(_codes_in(rest, number, problems))
            bracketed = "[" in rest
    if names and not bracketed:
        problems(start, f"actor {names[0]!r} has no [CODE]")
    close()
    result.problems = problems.found
    return result


# -- agents -------------------------------------------------------------------

def read_agents(path: Path, *, strict: bool = True) -> AgentDictionary:
    """Read a PETRARCH agent dictionary (`PHRASE {PLURALS} [~CODE]`)."""
    problems = _Problems(path, strict)
    result = AgentDictionary()
    substitutions: dict[str, list[str]] = {}
    for number, raw in _lines(path):
        text = _strip_comment(raw).strip()
        if _skippable(text):
            continue
        m = SUBSTITUTION_RE.match(text)
        if m:
            substitutions[m["name"]] = [v.strip().upper() for v in m["values"].split(",")
                                        if v.strip()]
            continue
        m = AGENT_LINE_RE.match(text)
        if not m:
            problems(number, f"agent line {text!r} is not PHRASE {{PLURALS}} [~CODE]")
            continue
        code = m["code"].replace(" ", "").upper()
        if code.count("~") != 1 or not (code.startswith("~") or code.endswith("~")) \
                or not CODE_RE.match(code.strip("~") or "?"):
            problems(number, f"agent code [{m['code'].strip()}] is not [~CODE] or [CODE~]")
            continue
        phrase = m["phrase"].strip().upper()
        variants = [phrase]
        for name in re.findall(r"![A-Z0-9_]+!", phrase):
            if name not in substitutions:
                problems(number, f"{name} is used before a line `{name} = ...` defines it")
                variants = []
                break
            variants = [v.replace(name, value, 1) for v in variants
                        for value in substitutions[name]]
        plurals = None
        if m["plurals"] is not None:
            plurals = tuple(p.upper() for p in m["plurals"].split())
        if "!" in phrase:
            plurals = ()  # the substitutions already give the plural forms
        for variant in variants:
            result.entries.append(AgentEntry(variant, code.strip("~"), code.endswith("~"),
                                             plurals, str(path), number))
    result.problems = problems.found
    return result


# -- discards -----------------------------------------------------------------

def read_discards(path: Path, *, strict: bool = True) -> DiscardList:
    """Read a discard list: `PHRASE` drops the sentence, `+PHRASE` the story."""
    problems = _Problems(path, strict)
    result = DiscardList()
    for number, raw in _lines(path):
        text = _strip_comment(raw).strip()
        if _skippable(text):
            continue
        story = text.startswith("+")
        phrase = text[1:].strip() if story else text
        if not phrase:
            problems(number, "discard line has no phrase")
            continue
        result.entries.append(Discard(phrase.upper(), story, str(path), number))
    result.problems = problems.found
    return result


# -- dictionary sets ----------------------------------------------------------

@dataclass(frozen=True)
class DictionaryFiles:
    verbs: Path
    actors: tuple[Path, ...]
    agents: Path
    discards: Path | None


def read_config(path: Path) -> DictionaryFiles:
    """The dictionary files a PETR_config.ini names, relative to its folder."""
    path = Path(path)
    parser = configparser.ConfigParser(inline_comment_prefixes=("#",))
    try:
        parser.read_string(path.read_text(encoding="utf-8", errors="replace"))
    except (OSError, configparser.Error) as err:
        raise DictionaryError(str(path), getattr(err, "lineno", 0) or 0,
                              f"cannot read the configuration: {err}") from err
    lines = path.read_text(encoding="utf-8", errors="replace").splitlines()

    def line_of(key: str) -> int:
        return next((i for i, line in enumerate(lines, 1)
                     if line.strip().startswith(key) and not line.strip().startswith("#")), 0)

    if not parser.has_section("Dictionaries"):
        raise DictionaryError(str(path), 0, "no [Dictionaries] section")
    section = parser["Dictionaries"]

    def file(key: str, required: bool = True) -> list[Path]:
        value = section.get(key, "").strip()
        if not value:
            if required:
                raise DictionaryError(str(path), 0, f"[Dictionaries] has no {key}")
            return []
        found = []
        for name in (v.strip() for v in value.split(",")):
            if not name:
                continue
            target = path.parent / name
            if not target.is_file():
                raise DictionaryError(str(path), line_of(key), f"{key}: {name} not found "
                                      f"next to the configuration")
            found.append(target)
        return found

    discards = file("discardfile_name", required=False)
    return DictionaryFiles(verbs=file("verbfile_name")[0],
                           actors=tuple(file("actorfile_list")),
                           agents=file("agentfile_name")[0],
                           discards=discards[0] if discards else None)


def find_files(folder: Path) -> DictionaryFiles:
    """The dictionary files of a folder: its PETR_config.ini, else one file of each kind."""
    folder = Path(folder)
    config = folder / "PETR_config.ini"
    if config.is_file():
        return read_config(config)

    def one(kind: str, required: bool = True) -> list[Path]:
        found = sorted(folder.glob(f"*{kind}*.txt"))
        if required and not found:
            raise DictionaryError(str(folder), 0, f"no *{kind}*.txt file and no PETR_config.ini")
        if kind != "actors" and len(found) > 1:
            raise DictionaryError(str(folder), 0, f"several *{kind}*.txt files "
                                  f"({', '.join(p.name for p in found)}): add a PETR_config.ini")
        return found

    discards = one("discards", required=False)
    return DictionaryFiles(one("verbs")[0], tuple(one("actors")), one("agents")[0],
                           discards[0] if discards else None)


def read_files(files: DictionaryFiles, *, strict: bool = True,
               origin: str = "") -> PetrarchDictionaries:
    """Read every file of a dictionary set; actor files are merged in order."""
    actors = ActorDictionary()
    for path in files.actors:
        part = read_actors(path, strict=strict)
        actors.entries.extend(part.entries)
        actors.problems.extend(part.problems)
    return PetrarchDictionaries(
        verbs=read_verbs(files.verbs, strict=strict), actors=actors,
        agents=read_agents(files.agents, strict=strict),
        discards=read_discards(files.discards, strict=strict) if files.discards
        else DiscardList(), origin=origin)


def load_dictionaries(path: str | Path, *, strict: bool = True) -> PetrarchDictionaries:
    """A dictionary set from a PETR_config.ini or a folder of dictionary files."""
    path = Path(path)
    if path.is_dir():
        files = find_files(path)
    elif path.is_file():
        files = read_config(path)
    else:
        raise DictionaryError(str(path), 0, "no such file or folder")
    return read_files(files, strict=strict, origin=str(path))
