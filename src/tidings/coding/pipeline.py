"""The bundled coder: one parsed sentence through the stages of `stages.py`.

Each stage lives in its own module under `coding/`; this module only runs them in
order and turns the candidates that survive into Events.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from spacy.tokens import Doc, Span

from ..actors.learning import mentions_learned, subject_learned
from ..actors.matching import Match
from ..actors.memory import DiscourseMemory, Learned
from ..actors.resolver import ActorResolver
from ..enrich.dates import DateReader, dates_from_context, load_time_words
from ..enrich.places import event_place
from ..errors import TidingsError
from ..model import Actor, Event
from ..nlp.wordlists import WordLists
from . import adjustments, modality  # noqa: F401  (their rules register on import)
from .arguments import makings
from .code_classes import CodeClasses
from .codes import CodeTable
from .confidence import ConfidenceModel
from .events import build_event
from .frames import final_code
from .lexicon import VerbLexicon, verb_forms
from .nominal import nominal_events
from .proposals import ProposalModel
from .protocol import Segment, SentenceCoding
from .registry import Trace, declined, fired, rules
from .sentence import (
    Candidate,
    SentenceState,
    Trigger,
    every_rule,
    first_rule,
    rules_in_order,
)
from .sources import find_sources
from .statements import statement_candidates
from .stages import STAGES
from .syntax import is_mutual
from .targets import find_targets
from .triggers import verb_triggers


class EventCoder:
    """The bundled coder (a `protocol.Coder`): verbs.tsv patterns over the dependency
    parse, actors from the bundled dictionaries, rules in the stages of `stages.py`.

    irregular (dict): irregular verb forms (irregular_verbs.tsv), for the pre-parse screen:
        every word form a trigger can take, and the words of which a sentence must also
        hold one for a pattern to match (`VerbLexicon.trigger_needs`).
    """

    def __init__(self, lexicon: VerbLexicon, codes: CodeTable, resolver: ActorResolver,
                 words: WordLists, classes: CodeClasses, confidence: ConfidenceModel, *,
                 irregular: dict[str, set[str]], require_target: bool = True,
                 proposals: ProposalModel | None = None):
        self.lexicon = lexicon
        self.codes = codes
        self.resolver = resolver
        self.words = words
        self.classes = classes
        self.confidence = confidence
        self.trigger_needs = lexicon.trigger_needs(irregular)
        # most CAMEO codes are dyadic; an event without a target is usually a missed one
        self.require_target = require_target
        self.proposals = proposals  # the clause classifier, when proposals are on
        self.reporting_forms = verb_forms(words["reporting_verbs"], irregular)
        self.making_forms = verb_forms(words["making_verbs"], irregular)
        self.dates = DateReader(load_time_words(), words)

    # -- the Coder protocol ---------------------------------------------------------

    def screen(self, sent: Span, index: int, in_headline: bool, day: dt.date) -> Segment:
        """Actor names found once (kept for after the parse); a sentence is worth
        parsing when it holds an actor name or a pronoun and a trigger word form with
        what one of its patterns needs besides ("held talks", not "held shares"), or a
        reporting verb with two actors to judge one another ("X said Y has failed")."""
        matcher = self.resolver.matcher
        found = matcher.candidates(sent)
        matches = matcher.select(sent, found, day)
        words = {t.lower_ for t in sent}
        pronoun = bool(words & self.words["pronouns"])
        forms = words & self.trigger_needs.keys()
        candidate = bool(matches or pronoun) and (
            any(not needed or needed & words for form in forms
                for needed in self.trigger_needs[form])
            # the clause classifier reads any clause with a trigger word
            or self.proposals is not None and bool(forms)
            or bool(words & self.reporting_forms) and (len(matches) > 1 or pronoun)
            # "Hungary's parliament passed a law": its maker, for "the new law" later
            or bool(words & self.making_forms) and bool(matches))
        shift = sent.start

        def relative(ms):
            return [Match(m.start - shift, m.end - shift, m.entry) for m in ms]
        return Segment(index, sent.text, in_headline, relative(matches), candidate,
                       [m.entry.country for m in matches if m.entry.country],
                       found=relative(found), span=sent)

    def parsed_sentences(self, doc: Doc, segment: Segment | None, day: dt.date
                         ) -> Iterator[tuple[Span, list]]:
        """Each sentence the parser finds, with the names found before the parse
        selected again now that parts of speech are known (without a segment, as for
        `explain`, the names are found now)."""
        for sent in doc.sents:
            if segment is None:
                yield sent, self.resolver.find(sent, day)
                continue
            inside = [m for m in segment.found if sent.start <= m.start and m.end <= sent.end]
            yield sent, self.resolver.matcher.select(sent, inside, day)

    def learned_after_sentence(self, sent: Span, matches: list, memory: DiscourseMemory
                               ) -> Learned:
        """The main subject, and who made the laws, decisions and deals the sentence names."""
        learned = subject_learned(self.resolver, sent, matches, memory, self.words["pronouns"])
        learned.made.extend(makings(self, sent, matches, memory.reading(learned), learned))
        learned.dated.update(self.dates.dated_words(sent, memory.date, memory.dated))
        return learned

    def learned_after_segment(self, segment: Segment, memory: DiscourseMemory) -> Learned:
        shift = segment.span.start
        strangers = self.resolver.matcher.strangers(
            segment.span, [Match(m.start + shift, m.end + shift, m.entry)
                           for m in segment.found]) | memory.strangers
        # a stranger's surname is no mention of the person the dictionaries know
        known = [m for m in segment.matches
                 if not (m.entry.kind == "person" and m.entry.phrase in strangers)]
        learned = mentions_learned(self.resolver.dictionary, segment.span, known, memory)
        learned.strangers = strangers
        return learned

    @staticmethod
    def describe_matches(sent: Span, matches: list) -> list[dict]:
        return [{"text": sent.doc[m.start:m.end].text, "kind": m.entry.kind,
                 "code": m.entry.key if m.entry.kind in ("igo", "group") else m.entry.country,
                 "sector": m.entry.sector, "rule": m.entry.rule} for m in matches]

    def code_sentence(self, sent: Span, matches: list[Match], memory: DiscourseMemory, *,
                      article_id: str, index: int, in_headline: bool,
                      explain: bool = False) -> SentenceCoding:
        """All events in one parsed sentence; `memory` is only read."""
        result = SentenceCoding(trace=Trace(enabled=explain))
        state = SentenceState(self, sent, matches, memory.reading(result.learned),
                              result.learned, result.trace, article_id=article_id, index=index,
                              in_headline=in_headline, events=result.events)
        state.triggers = self._modal_triggers(state)
        folded = self._folded(state)
        seen: set[tuple] = set()
        for trigger in state.triggers:
            if trigger.token.i in folded:
                continue
            candidate = self._candidate(state, trigger)
            if candidate is None:
                continue
            for source, target in self._pairs(state, candidate):
                self._record(state, result, seen, candidate, source, target)
        coded = {t.token.i for t in state.triggers}
        for trigger, pairs in nominal_events(state, coded):
            candidate = Candidate(trigger, code=trigger.pattern.cameo,
                                  fired=["triggers.nominal_event"])
            for source, target in pairs:
                self._record(state, result, seen, candidate, source, target)
        for candidate in statement_candidates(state):
            if first_rule("statements", state, candidate) is None:
                continue
            for source in candidate.sources:
                for target in candidate.targets:
                    self._record(state, result, seen, candidate, source, target)
        return result

    def score_article(self, events: list[Event], sentences: int) -> None:
        self.confidence.score_article(events, sentences)
        # after confidence, which was trained on each mention's own time words
        dates_from_context(events, lambda code: self.classes.has("symmetric", code))

    def _record(self, state: SentenceState, result: SentenceCoding, seen: set[tuple],
                candidate: Candidate, source: Actor, target: Actor | None) -> None:
        """The event of `candidate` between `source` and `target`, once per act and pair
        in the sentence (a verb, an event noun and a statement may state the same)."""
        source, target = self._first_named(state, source, target, candidate.code)
        if target is not None and target.code == source.code:
            # "Orban said he would visit Hungary" is no event between two actors
            state.trace.note(f"{candidate.verb.text!r}: {source.code} on both sides, no event")
            return
        key = self._mention_key(state, source, target, candidate.code)
        if key not in seen:
            seen.add(key)
            result.events.append(self._event(state, candidate, source, target))

    @staticmethod
    def _first_named(state: SentenceState, source: Actor, target: Actor | None,
                     code: str) -> tuple[Actor, Actor | None]:
        """A symmetric act's record has the side the sentence names first as source (of
        "Indian and French troops", whose spans share a start, the shorter "Indian")."""
        if target is not None and state.is_class("symmetric", code) \
                and (target.start, target.end) < (source.start, source.end):
            return target, source
        return source, target

    @staticmethod
    def _mention_key(state: SentenceState, source: Actor, target: Actor | None,
                     code: str) -> tuple:
        """One record per act and pair in a sentence; a symmetric act's pair is unordered,
        so "Iran and Saudi Arabia held talks" is one 046 record, Iran first."""
        sides = (source.code, target.code if target else None)
        if target is not None and state.is_class("symmetric", code):
            return frozenset(sides), code
        return sides, code

    # -- stages ---------------------------------------------------------------------

    def _modal_triggers(self, state: SentenceState) -> list[Trigger]:
        """The sentence's triggers that modality lets through (a refusal replaces its act)."""
        kept = []
        found = list(verb_triggers(state))
        for trigger in found + self._proposed(state, found):
            outcome = first_rule("modality", state, Candidate(trigger))
            if outcome is None:
                state.trace.note(f"{trigger.token.text!r}: matches {trigger.pattern.rule} "
                                 f"-> {trigger.pattern.cameo}")
                kept.append(trigger)
            elif outcome.value is not None:
                state.trace.note(f"{trigger.token.text!r}: {outcome.why}")
                kept.append(outcome.value)
            else:
                state.trace.note(f"{trigger.token.text!r}: {outcome.why}")
        return kept

    @staticmethod
    def _proposed(state: SentenceState, found: list[Trigger]) -> list[Trigger]:
        """Triggers the proposal rules add to those the patterns `found`."""
        for rule in rules_in_order("proposals"):
            outcome = rule.func(state, found)
            state.trace.rule("sentence", rule, outcome)
            if outcome.fired:
                return outcome.value
        return []

    @staticmethod
    def _folded(state: SentenceState) -> set[int]:
        """Indices of triggers folded into others by the merging rules."""
        folded: set[int] = set()
        for rule in rules_in_order("merging"):
            outcome = rule.func(state, state.triggers, folded)
            state.trace.rule("sentence", rule, outcome)
            if outcome.fired:
                folded |= outcome.value
        return folded

    def _candidate(self, state: SentenceState, trigger: Trigger) -> Candidate | None:
        """Code, sources and targets of one trigger, or None (with a trace line why)."""
        candidate = Candidate(trigger, aim=trigger, fired=list(trigger.rules))
        aim = state.demands.get(trigger.token.i)
        if aim is not None:
            # a protest takes its aim and target from the demand it carries
            aimed = Candidate(aim, aim=aim)
            final_code(state, aimed)
            candidate.aim, candidate.aim_code, candidate.aim_target = \
                aim, aimed.code, aimed.target_trigger
        final_code(state, candidate)
        if aim is None:
            candidate.aim_code, candidate.aim_target = candidate.code, candidate.target_trigger
        candidate.sources = find_sources(state, candidate)
        if not candidate.sources:
            state.trace.note(f"{trigger.token.text!r}: no source actor, not coded")
            return None
        targets, fallback = find_targets(state, candidate, candidate.aim, candidate.aim_target,
                                         candidate.aim_code)
        if not targets and candidate.aim is not trigger:
            targets, fallback = find_targets(state, candidate, trigger,
                                             candidate.target_trigger, candidate.code)
        candidate.targets, candidate.fallback = targets, fallback
        if trigger.pattern.reverse:
            if not targets:
                state.trace.note(f"{trigger.token.text!r}: nobody it came from, not coded")
                return None
            candidate.sources, candidate.targets = targets, candidate.sources
        every_rule("adjustments", state, candidate)
        return candidate

    def _pairs(self, state: SentenceState, candidate: Candidate) -> list[tuple[Actor, Actor | None]]:
        outcome = first_rule("pairs", state, candidate)
        return outcome.value if outcome else []

    def _event(self, state: SentenceState, candidate: Candidate, source: Actor,
               target: Actor | None) -> Event:
        trigger, sent = candidate.trigger, state.sent
        verb, noun = trigger.token, trigger.object_token
        span_end = (noun.idx + len(noun.text) if noun is not None and noun.i > verb.i
                    else verb.idx + len(verb.text))
        # time words that run past year 1 or 9999 leave the article's date (DateReader)
        when = self.dates.event_date(verb, state.memory.date, state.memory.dated)
        return build_event(self.codes, candidate.code, source, target, sent=sent,
                           trigger_start=verb.idx - sent.start_char,
                           trigger_end=span_end - sent.start_char,
                           article_id=state.article_id, index=state.index,
                           in_headline=state.in_headline, rule=trigger.pattern.rule,
                           when=when, place=event_place(verb, state.matches),
                           rules=tuple(candidate.fired),
                           symmetric=target is not None and state.is_class("symmetric",
                                                                            candidate.code))


# -- pairs: the first rule that fires gives the (source, target) pairs -------------------

@rules.register("pairs", "each_other")
def each_other(state: SentenceState, candidate: Candidate):
    """ "Israel and Lebanon agreed to a ceasefire", "the army and the RSF fought",
    "accused each other": conjoined sources act on each other (not allies striking
    together: "U.S. and British warplanes struck")."""
    sources, verb = candidate.sources, candidate.verb
    mutual = is_mutual(verb)
    if not (not candidate.targets or candidate.fallback or mutual) \
            or len({a.code for a in sources}) < 2:
        return declined("no two sources without a stated target")
    if not (mutual or state.is_class("reciprocal", candidate.code)
            or verb.lemma_.lower() in state.words["reciprocal_verbs"]):
        return declined("not a reciprocal act")
    return fired([(a, b) for a in sources for b in sources if a is not b])


@rules.register("pairs", "no_target")
def no_target(state: SentenceState, candidate: Candidate):
    """An act without a target is not coded (monadic events are kept with --monadic),
    but stays an act a later "the attack", "the move" can refer to."""
    if candidate.targets or not state.coder.require_target:
        return declined("has a target" if candidate.targets else "monadic events are kept")
    root = state.root(candidate.code)
    state.learned.acts.extend((source, None, root) for source in candidate.sources)
    return fired([], "no target actor found, not coded")


@rules.register("pairs", "one_way")
def one_way(state: SentenceState, candidate: Candidate):
    """Each source acts on each target."""
    return fired([(s, t) for s in candidate.sources for t in (candidate.targets or [None])])


def check_stages() -> None:
    """Every rule `stages.py` names is registered, and every registered rule is named
    there: a rule that no stage runs is dead code."""
    for stage, names in STAGES.items():
        for name in names:
            rules.get(stage, name)
    for rule in rules.all():
        if rule.name not in STAGES.get(rule.stage, ()):
            raise TidingsError(f"rule {rule.qualified} is registered but no stage runs it")


check_stages()
