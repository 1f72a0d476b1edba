"""Stage: statements. A reported statement that judges another actor is an act.

"Turkish officials said Congress has become hostile" is Turkey's criticism of the
Congress (111); "Lai said Washington had been a true friend" is praise (051). The
judgement is the tone of the words said, strong either way, read with VADER (a polarity
lexicon built for short news and social text); a statement whose own words were coded
(an accusation, a demand, or the attack it reports) is that act and nothing more.
"""
from __future__ import annotations

from functools import lru_cache

from spacy.tokens import Token

from .arguments import actors
from .lexicon import VerbPattern
from .registry import declined, fired, rules
from .sentence import Candidate, SentenceState, Trigger
from .syntax import subject_of

CRITICISE, PRAISE = "111", "051"
# compound VADER scores (-1..1) beyond which the words said judge their subject; tuned on
# the development sets only ("a deep concern" -0.2 is no criticism, "failed to address
# the threat" -0.77 is)
CRITICAL, WARM = -0.5, 0.6


@lru_cache(maxsize=1)
def _tone_analyzer():
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer
    return SentimentIntensityAnalyzer()


def tone(text: str) -> float:
    """VADER's compound polarity of `text`, -1 (hostile) to 1 (warm)."""
    return _tone_analyzer().polarity_scores(text)["compound"]


def statement_candidates(state: SentenceState) -> list[Candidate]:
    """Each reporting verb with a reported clause ("X said (that) ...", '"...," X said')."""
    found = []
    for token in state.sent:
        if token.pos_ == "VERB" and token.lemma_.lower() in state.words["reporting_verbs"]:
            content = next((c for c in token.children if c.dep_ == "ccomp"), None)
            if content is not None:
                pattern = VerbPattern(CRITICISE, token.lemma_.lower(), None, frozenset(),
                                      None, None, f"statement:{token.lemma_.lower()}+judged")
                found.append(Candidate(Trigger(token, pattern, content)))
    return found


def _clause_actor_heads(content: Token) -> list[Token]:
    subject = subject_of(content)
    objects = [c for c in content.children if c.dep_ in ("dobj", "obj", "attr")]
    return [subject] if subject is not None else objects


@rules.register("statements", "judged_statement")
def judged_statement(state: SentenceState, candidate: Candidate):
    """Strong words said of another actor: criticism (111) or praise (051)."""
    verb, content = candidate.verb, candidate.trigger.object_token
    speaker = subject_of(verb)
    sources = actors(state, [speaker]) if speaker is not None else []
    if not sources:
        return declined("no speaker named")
    span = range(content.left_edge.idx - state.sent.start_char,
                 content.right_edge.idx + len(content.right_edge) - state.sent.start_char)
    if any(e.trigger_start in span for e in state.events):
        # "Gunmen killed 134 villagers, officials said": the news is the killing
        return declined("the words said were coded as an act")
    if any(t.lemma_.lower() in state.words["death_words"] for t in content.subtree):
        return declined("reports a death, not a judgement")
    own = {s.code for s in sources}
    targets = [a for a in actors(state, _clause_actor_heads(content))
               if a.code not in own and a.country not in {s.country for s in sources
                                                         if s.sector == a.sector}]
    if not targets:
        return declined("says nothing of another actor")
    said = state.sent.doc[content.left_edge.i:content.right_edge.i + 1].text
    score = tone(said)
    if CRITICAL < score < WARM:
        return declined(f"tone {score:+.2f} judges no one")
    candidate.code = CRITICISE if score <= CRITICAL else PRAISE
    candidate.sources, candidate.targets = sources, targets
    return fired(candidate.code, f"tone {score:+.2f}")
