"""The rule check: does some test notice when one rule, word list or code class is gone?

Usage: python scripts/check_rules.py [-v] [pytest paths ...]

The bundled coder is a pipeline of named rules (coding/registry.py) that consult word
lists (wordlists.tsv) and code classes (code_classes.tsv). This script takes each away in
turn -- a rule is disabled with `rules.without`, a list or class is emptied with
`.without(name)` on the cached engine's coder (and on its actor resolver, which reads
the same lists) -- reruns the coding tests and reports every one whose removal changes
no test's outcome: either it is dead or no test pins what it does. The confidence model
(coding/confidence.py) is checked the same way (replaced by one that says 0.5 always).

Speed: one pytest session, collected once; the engine is loaded once (`api.load(None)`,
the object the tests' `engine` fixture gets, which is checked); the tests run first
unchanged, to learn each one's outcome and time, then once per mutant, quickest tests
first, stopping at the first outcome that differs. Only a mutant that survives runs the
whole suite.

Exit status: 0 if every mutant is noticed, 1 if any survives (one line each), 2 if the
tests cannot be run.
"""
from __future__ import annotations

import argparse
import sys
import time
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import pytest

ROOT = Path(__file__).resolve().parents[1]
# word lists in wordlists.tsv that only the PETRARCH-2 coder reads (petrarch/coder.py);
# its tests build an engine of their own, which this check does not change
OTHER_CODERS = {"list petrarch_negations"}
# the tests that exercise the bundled coder through the cached engine (only those that
# use the `engine` fixture are run); test_cli.py is left out: its commands call
# `api.load(model, dictionaries, monadic)`, another lru_cache key, so another engine
DEFAULT_PATHS = ("tests/test_rules.py", "tests/test_pipeline.py", "tests/test_coding.py",
                 "tests/test_eval.py", "tests/test_proposals.py")


@dataclass
class Mutant:
    kind: str  # rule, list, class, model
    name: str
    apply: Callable  # () -> context manager
    consulted: bool = True  # whether the unchanged coder reads it at all (lists, classes)

    @property
    def label(self) -> str:
        return f"{self.kind} {self.name}"


def outcome(reports) -> str:
    """One test's outcome from its setup/call/teardown reports."""
    if any(r.failed for r in reports):
        return "failed"
    if any(r.skipped for r in reports):
        return "xfailed" if any(hasattr(r, "wasxfail") for r in reports) else "skipped"
    if any(hasattr(r, "wasxfail") for r in reports):
        return "xpassed"
    return "passed"


class RuleCheck:
    """A pytest plugin that takes over the run loop: a baseline run, then one per mutant."""

    def __init__(self, engine, verbose: bool = False):
        self.engine = engine
        self.verbose = verbose
        self.reports: dict[str, list] = {}
        self.collect_errors: list[str] = []
        self.survivors: list[Mutant] = []
        self.broken: list[str] = []
        self.skipped: list[Mutant] = []
        self.foreign_engine = False
        self.seconds: dict[str, float] = {}
        self.items_run = 0

    # -- collection ---------------------------------------------------------------

    def pytest_collectreport(self, report):
        if report.failed:
            self.collect_errors.append(f"{report.nodeid}: {report.longreprtext.splitlines()[-1]}")

    def pytest_collection_modifyitems(self, session, config, items):
        items[:] = [i for i in items if "engine" in getattr(i, "fixturenames", ())]

    def pytest_runtest_logreport(self, report):
        self.reports.setdefault(report.nodeid, []).append(report)

    def pytest_runtest_call(self, item):
        if "engine" in item.funcargs and item.funcargs["engine"] is not self.engine:
            self.foreign_engine = True
            raise RuntimeError("the tests' engine fixture is not the engine the check mutates")

    # -- the loop -----------------------------------------------------------------

    def run(self, session, items, baseline=None) -> dict[str, str] | str:
        """Run `items`; with a baseline, stop at the first outcome that differs and
        return its node id, else the outcomes of all."""
        outcomes = {}
        for index, item in enumerate(items):
            nextitem = items[index + 1] if index + 1 < len(items) else None
            self.reports.pop(item.nodeid, None)
            started = time.perf_counter()
            item.ihook.pytest_runtest_protocol(item=item, nextitem=nextitem)
            self.items_run += 1
            if baseline is None:
                self.seconds[item.nodeid] = time.perf_counter() - started
            outcomes[item.nodeid] = outcome(self.reports.get(item.nodeid, []))
            if baseline is not None and outcomes[item.nodeid] != baseline[item.nodeid]:
                if nextitem is not None:
                    session._setupstate.teardown_exact(None)  # fresh fixtures for the next run
                return item.nodeid
        return outcomes

    def pytest_runtestloop(self, session):
        if self.collect_errors or not session.items:
            return True
        items = list(session.items)
        consulted = self.consulted_during(lambda: self.run(session, items))
        baseline = consulted.pop("outcomes")
        failing = [n for n, o in baseline.items() if o == "failed"]
        for nodeid in failing:
            self.broken.append(nodeid)
        items = [i for i in items if baseline[i.nodeid] != "failed"]
        items.sort(key=lambda i: self.seconds[i.nodeid])  # stable: file order among equals
        self.baseline_items = len(items)
        for mutant in mutants(self.engine, consulted):
            if mutant.label in OTHER_CODERS:
                self.skipped.append(mutant)
                continue
            if not mutant.consulted:
                # never read while the tests ran: emptying it cannot change an outcome
                self.survivors.append(mutant)
                continue
            started = time.perf_counter()
            with mutant.apply():
                killer = self.run(session, items, baseline)
            spent = time.perf_counter() - started
            if isinstance(killer, dict):
                self.survivors.append(mutant)
                if self.verbose:
                    print(f"  {mutant.label}: SURVIVED ({spent:.1f}s)", flush=True)
            elif self.verbose:
                print(f"  {mutant.label}: noticed by {killer} ({spent:.1f}s)", flush=True)
        return True

    def consulted_during(self, run: Callable) -> dict:
        """Run the baseline recording which word lists and code classes are read."""
        from tidings.coding.code_classes import CodeClasses
        from tidings.nlp.wordlists import WordLists
        lists, classes = set(), set()
        saved = [(WordLists, "__getitem__", lists), (WordLists, "in_order", lists),
                 (CodeClasses, "_class", classes)]
        originals = [getattr(owner, method) for owner, method, _ in saved]

        def recording(method, names):
            def read(self, name, *args):
                names.add(name)
                return method(self, name, *args)
            return read
        for (owner, method, names), original in zip(saved, originals):
            setattr(owner, method, recording(original, names))
        try:
            outcomes = run()
        finally:
            for (owner, method, _), original in zip(saved, originals):
                setattr(owner, method, original)
        return {"outcomes": outcomes, "list": lists, "class": classes}


# -- the mutants --------------------------------------------------------------------

def mutants(engine, consulted: dict) -> list[Mutant]:
    from tidings.coding.confidence import ConfidenceModel
    from tidings.coding.registry import rules
    coder = engine.coder
    found = [Mutant("rule", r.qualified, lambda q=r.qualified: rules.without(q))
             for r in rules.all()]
    holders = [coder] + [h for h in (coder.resolver, getattr(coder.resolver, "matcher", None))
                         if hasattr(h, "words")]
    names = dict.fromkeys(n for h in holders for n in h.words.names)
    found += [Mutant("list", n, lambda n=n: emptied(holders, "words", n), n in consulted["list"])
              for n in names]
    found += [Mutant("class", n, lambda n=n: emptied([coder], "classes", n),
                     n in consulted["class"]) for n in coder.classes.names]
    found.append(Mutant("model", "confidence", lambda: replaced(coder, "confidence",
                                                               ConfidenceModel(0.0, {}))))
    return found


@contextmanager
def emptied(holders, attribute: str, name: str):
    """Each holder's word lists (or code classes) with `name` emptied, restored after."""
    saved = [getattr(h, attribute) for h in holders]
    for holder, value in zip(holders, saved):
        if name in value.names:
            setattr(holder, attribute, value.without(name))
    try:
        yield
    finally:
        for holder, value in zip(holders, saved):
            setattr(holder, attribute, value)


@contextmanager
def replaced(holder, name: str, value):
    saved = getattr(holder, name)
    setattr(holder, name, value)
    try:
        yield
    finally:
        setattr(holder, name, saved)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*", default=list(DEFAULT_PATHS))
    parser.add_argument("-v", "--verbose", action="store_true",
                        help="one line per mutant: the test that noticed it")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    sys.path.insert(0, str(ROOT))  # `tests` as a package, as when pytest runs from the root
    from tidings.api import load
    engine = load(None)
    check = RuleCheck(engine, args.verbose)
    paths = [str(ROOT / p) for p in args.paths if (ROOT / p).exists()]
    code = pytest.main(["-p", "no:cacheprovider", "-p", "no:terminal",
                        "--rootdir", str(ROOT), *paths], plugins=[check])
    spent = time.perf_counter() - started
    if check.collect_errors or not hasattr(check, "baseline_items"):
        for error in check.collect_errors:
            print(f"check_rules: cannot collect {error}", file=sys.stderr)
        print(f"check_rules: no tests run (pytest exit {int(code)})", file=sys.stderr)
        return 2
    if check.foreign_engine:
        print("check_rules: the tests' `engine` fixture is not `tidings.api.load(None)`, the "
              "engine this check changes", file=sys.stderr)
        return 2
    for nodeid in check.broken:
        print(f"check_rules: warning: {nodeid} fails unchanged; left out", file=sys.stderr)
    total = len(mutants(engine, {"list": set(), "class": set()})) - len(check.skipped)
    print(f"check_rules: {total} rules, word lists, code classes and the confidence model "
          f"taken away in turn over {check.baseline_items} tests ({check.items_run} test runs) "
          f"in {spent:.0f}s")
    for mutant in check.skipped:
        print(f"check_rules: {mutant.label} not checked: only another coder reads it")
    for mutant in check.survivors:
        why = "no test fails without it" if mutant.consulted else \
            "the bundled coder never reads it (dead, or read under another name)"
        print(f"survived: {mutant.label}: {why}")
    return 1 if check.survivors else 0


if __name__ == "__main__":
    sys.exit(main())
