"""Named rules, registered with the stage they belong to.

Every fallback and special case of the coder is a small function registered here
under a name (`@rules.register("targets", "mediated_parties")`); `pipeline.py`
declares, in one place, which rules each stage runs and in what order. `explain`
prints each rule that fired or declined and why, and the rule check
(`scripts/check_rules.py`) disables each in turn to see that a test notices.
"""
from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from ..errors import TidingsError


@dataclass(frozen=True)
class Rule:
    stage: str
    name: str
    func: Callable
    doc: str  # first line of the docstring: what the rule does

    @property
    def qualified(self) -> str:
        return f"{self.stage}.{self.name}"


@dataclass
class Outcome:
    """What a rule decided: `fired` with a value, or declined with the reason why."""

    fired: bool
    value: object = None
    why: str = ""


def fired(value=None, why: str = "") -> Outcome:
    return Outcome(True, value, why)


def declined(why: str) -> Outcome:
    return Outcome(False, None, why)


@dataclass
class Registry:
    """All rules by stage and name; a rule can be switched off (for the rule check)."""

    rules: dict[str, dict[str, Rule]] = field(default_factory=dict)
    disabled: set[str] = field(default_factory=set)

    def register(self, stage: str, name: str) -> Callable[[Callable], Callable]:
        def decorate(func: Callable) -> Callable:
            stage_rules = self.rules.setdefault(stage, {})
            if name in stage_rules:
                raise TidingsError(f"rule {stage}.{name} is registered twice")
            doc = (func.__doc__ or "").strip().splitlines()
            stage_rules[name] = Rule(stage, name, func, doc[0] if doc else "")
            return func
        return decorate

    def get(self, stage: str, name: str) -> Rule:
        try:
            return self.rules[stage][name]
        except KeyError:
            known = ", ".join(sorted(self.rules.get(stage, {}))) or "none"
            raise TidingsError(f"no rule {name!r} in stage {stage!r} (known: {known})") from None

    def ordered(self, stage: str, names: tuple[str, ...]) -> list[Rule]:
        """The rules of `stage` in the order given, leaving out disabled ones."""
        return [self.get(stage, n) for n in names if f"{stage}.{n}" not in self.disabled]

    def enabled(self, stage: str, name: str) -> bool:
        return f"{stage}.{name}" not in self.disabled

    def all(self) -> Iterator[Rule]:
        for stage in self.rules.values():
            yield from stage.values()

    @contextmanager
    def without(self, qualified: str):
        """Run with one rule switched off: `with rules.without("targets.captor"): ...`
        (a rule that was off already stays off afterwards)."""
        was_off = qualified in self.disabled
        self.disabled.add(qualified)
        try:
            yield
        finally:
            if not was_off:
                self.disabled.discard(qualified)


rules = Registry()


@dataclass
class Trace:
    """The decisions taken on one sentence, for `tidings explain`: one line per trigger
    considered and per rule that fired or declined."""

    lines: list[str] = field(default_factory=list)
    enabled: bool = True  # off when coding articles: nothing is formatted

    def note(self, text: str) -> None:
        if self.enabled:
            self.lines.append(text)

    def rule(self, who: str, rule: Rule, outcome: Outcome) -> None:
        if not self.enabled:
            return
        verdict = "fired" if outcome.fired else "declined"
        found = _actor_codes(outcome.value) if outcome.fired else ""
        why = f": {outcome.why}" if outcome.why else ""
        self.lines.append(f"  {who} {rule.qualified} {verdict}{found}{why}")


def _actor_codes(value) -> str:
    """ " -> RUSGOV, UKRGOV" for a rule that found actors (or actor pairs)."""
    if isinstance(value, tuple) and value and isinstance(value[0], list):
        value = value[0]  # (targets, fallback)
    if not isinstance(value, list) or not value:
        return ""
    codes = [" > ".join(a.code if a is not None else "-" for a in v) if isinstance(v, tuple)
             else getattr(v, "code", None) for v in value]
    return " -> " + ", ".join(c for c in codes if c) if any(codes) else ""
