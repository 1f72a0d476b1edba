"""How often the key sentence states what the article's own first line states.

Each article with a title (the `date YYYY-MM-DD <sentence>` line of an example, the title
of a gold article) is coded as it is. The key sentence is picked twice: from the whole
article, where it is right when it is the first line itself or says the same; and from
the body alone, the harder test, where it must say the same as the first line
(`analysis.key_sentence.says_the_same`). The body's lead sentence, the usual stand-in
for a headline, is scored the same way beside it.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from ..analysis.key_sentence import KeySentence, act_of, key_sentence, says_the_same
from ..errors import InputError
from ..model import Article, Event


@dataclass
class KeySentenceReport:
    articles: int = 0
    picks_first_line: int = 0  # from the whole article: the first line or the same
    agree: int = 0  # from the body: the key sentence states what the first line states
    by_act: int = 0  # ... through an act both state
    lead_agrees: int = 0  # the lead sentence does
    disagreements: list[tuple[str, str, str]] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)  # inputs that could not be read or coded

    def to_dict(self) -> dict:
        share = (lambda n: n / self.articles if self.articles else None)
        return {"articles": self.articles, "picks_first_line": self.picks_first_line,
                "first_line_agreement": share(self.picks_first_line), "agree": self.agree,
                "agreement": share(self.agree), "by_act": self.by_act,
                "lead_agreement": share(self.lead_agrees)}


def evaluate_key_sentences(articles: Iterable[Article | InputError],
                           code: Callable[[Article], list[Event] | InputError],
                           sentences: Callable[[Article], list[tuple[int, str, bool]]]
                           ) -> KeySentenceReport:
    """Score the key sentence of every titled article; `sentences` gives an article's
    (index, text, in headline) in reading order."""
    report = KeySentenceReport()
    for article in articles:
        if isinstance(article, InputError):
            report.errors.append(str(article))
            continue
        if not article.title.strip():
            continue
        events = code(article)
        if isinstance(events, InputError):
            report.errors.append(str(events))
            continue
        every = sentences(article)
        body = [(i, text) for i, text, headline in every if not headline]
        picked = key_sentence(body, events)
        if picked is None:
            continue
        headline_acts = {act_of(e) for e in events if e.in_headline}
        whole = key_sentence([(i, text) for i, text, _ in every], events)
        report.picks_first_line += whole.index == 0 or says_the_same(whole, article.title,
                                                                    headline_acts)
        lead = body[0]
        lead_acts = {act_of(e) for e in events if e.sentence_index == lead[0]
                     and not e.in_headline}
        report.articles += 1
        if says_the_same(picked, article.title, headline_acts):
            report.agree += 1
            report.by_act += picked.act is not None and picked.act in headline_acts
        else:
            report.disagreements.append((article.id, article.title, picked.sentence))
        if any(says_the_same(KeySentence(lead[0], lead[1], act), article.title,
                             headline_acts) for act in lead_acts or {None}):
            report.lead_agrees += 1
    return report
