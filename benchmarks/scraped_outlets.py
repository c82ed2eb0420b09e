"""Outlet and URL from scraped page text: score :mod:`newsprism.text.sitename`, and fit it.

    python benchmarks/scraped_outlets.py [--shared DIR]         # score fit / test / all, seeds
    python benchmarks/scraped_outlets.py --fit [--shared DIR]   # refit the weights (prints them)

Scoring runs :func:`newsprism.text.sitename.outlet_from_text` and
:func:`~newsprism.text.sitename.url_from_text` on every page of
``../shared/benchmarks/scraped/text`` and prints, for the ``fit`` and
``test`` halves of ``scraped_split.py`` (cut by outlet domain) and for all
pages: right, wrong and abstained outlets by the shared scorer's rule
(``score.py metadata``), once from the name alone and once with the URL
too (the scorer also credits a report whose ``url`` is on the gold domain),
every wrong answer (name -> gold domain) for a reader to judge, the URLs
found, the five seeds' answers and the time per page.

``--fit`` fits the logistic regression over the candidates' features on the
``fit`` half only (scikit-learn, a dev dependency; deterministic: lbfgs,
fixed data order), picks the threshold by leave-one-outlet-out
cross-validation on the fit half, and prints the constants to paste into
``text/sitename.py`` with what they score on each half.

Exits 0 without doing anything when the shared folder is absent.
"""

from __future__ import annotations

import argparse
import importlib
import math
import re
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from newsprism.text import sitename
from scraped_split import Half, pages

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SHARED = ROOT.parent / "shared"
# A wrong outlet costs this many right ones when the threshold is picked:
# a wrong name misleads a reader, a missing one only leaves a gap.
WRONG_COST = 2.0


def letters(s: str | None) -> str:
    return re.sub(r"[^a-z0-9]", "", (s or "").lower())


def domain_of(url: str | None) -> str:
    m = re.match(r"[a-z]+://([^/:?#]+)", (url or "").lower())
    host = m.group(1) if m else ""
    return host[4:] if host.startswith("www.") else host


def outlet_right(name: str | None, url: str | None, gold_domain: str) -> bool:
    """The rule of ``score_metadata`` in ``../shared/eval/score.py``."""
    dom = gold_domain.lower()
    key = letters(name)
    base = letters(dom.rsplit(".", 1)[0])
    return bool(dom in domain_of(url) or (key and (key in letters(dom) or base in key)))


@dataclass(frozen=True, slots=True)
class Page:
    name: str
    domain: str
    text: str
    site_name: str | None  # the page's own og:site_name, when it has one


def load(shared: Path, half: Half | None) -> list[Page]:
    return [
        Page(
            path.name,
            str(gold["outlet_domain"]),
            path.read_text(encoding="utf-8"),
            str(gold["site_name"]) if gold.get("site_name") else None,
        )
        for gold, path in pages(shared, half)
    ]


@dataclass(frozen=True, slots=True)
class Tally:
    right: int
    wrong: int
    abstained: int
    wrong_answers: tuple[tuple[str, str], ...]

    @property
    def n(self) -> int:
        return self.right + self.wrong + self.abstained

    def line(self, label: str) -> str:
        answered = self.right + self.wrong
        precision = self.right / answered if answered else 0.0
        return (
            f"{label}: right {self.right}/{self.n} = {self.right / max(self.n, 1):.3f}, "
            f"wrong {self.wrong}, abstained {self.abstained}, precision {precision:.3f}"
        )


def tally(
    pages_: Sequence[Page],
    outlets: Sequence[str | None],
    urls: Sequence[str | None],
    *,
    site_name_too: bool = False,
) -> Tally:
    """Right by the scorer's rule; with ``site_name_too``, also a name equal
    (in letters) to the page's own og:site_name, which the scorer does not
    read ("Los Angeles Times" for latimes.com, "The GiveWell Blog")."""
    right = wrong = abstained = 0
    wrongs: list[tuple[str, str]] = []
    for page, outlet, url in zip(pages_, outlets, urls, strict=True):
        if outlet is None and url is None:
            abstained += 1
        elif outlet_right(outlet, url, page.domain) or (
            site_name_too and page.site_name and letters(outlet) == letters(page.site_name)
        ):
            right += 1
        else:
            wrong += 1
            wrongs.append((outlet or f"<url {url}>", page.domain))
    return Tally(right, wrong, abstained, tuple(wrongs))


def report(shared: Path) -> None:
    for half in ("fit", "test", None):
        group = load(shared, half)
        outlets = [sitename.outlet_from_text(p.text) for p in group]
        urls = [sitename.url_from_text(p.text) for p in group]
        label = half or "all"
        names = tally(group, outlets, [None] * len(group))
        both = tally(group, outlets, urls)
        print(names.line(f"{label:4} outlet name"))
        print(both.line(f"{label:4} name or URL"))
        own = tally(group, outlets, urls, site_name_too=True)
        print(own.line(f"{label:4} name or URL, or the og:site_name"))
        for name, dom in names.wrong_answers:
            print(f"    wrong: {name!r} -> {dom}")
        if half is None:
            found = [(p, u) for p, u in zip(group, urls, strict=True) if u]
            print(f"URLs found: {len(found)}/{len(group)}")
            for p, u in found:
                ok = "ok " if p.domain in domain_of(u) else "OFF"
                print(f"    {ok} {u}")
    print("seeds:")
    for path in sorted((shared / "seeds").glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        site = sitename.site_of_text(text)
        print(f"    {path.name}: outlet {site.outlet!r}, url {site.url!r}")
    group = load(shared, None)
    timings = []
    for _ in range(3):
        start = time.perf_counter()
        for p in group:
            sitename.site_of_text(p.text)
        timings.append((time.perf_counter() - start) / len(group))
    print(f"time: {min(timings) * 1e3:.3f} ms/page for outlet and URL (best of 3 passes)")


# ---------------------------------------------------------------- comparison

FEATURES = (*(f"own_{s}" for s in sitename.SOURCES), "sources", "domain_share", "log_mentions")


def features(c: sitename.Candidate) -> list[float]:
    own = [float(s in c.own) for s in sitename.SOURCES]
    return [*own, float(len(c.support)), c.domain_share, math.log1p(c.mentions)]


def compare(shared: Path) -> None:
    """The agreement rule against a logistic regression over the same evidence.

    The regression is fitted on the fit half's candidates (label: the name is
    right by the scorer's rule), its threshold picked by leave-one-outlet-out
    cross-validation on the fit half (maximising right - WRONG_COST * wrong);
    both are then judged on each half. Deterministic (lbfgs, data in file
    order).
    """
    import numpy as np

    # Imported by name: scikit-learn ships no type information (and is a dev
    # dependency only), so its model is handled as Any here.
    LogisticRegression: Any = importlib.import_module("sklearn.linear_model").LogisticRegression

    Pair = tuple[Page, list[sitename.Candidate]]

    def fitted(data: Sequence[Pair]) -> Any:
        xs = [features(c) for _, cs in data for c in cs]
        ys = [int(outlet_right(c.name, None, p.domain)) for p, cs in data for c in cs]
        return LogisticRegression(C=1.0, max_iter=5000).fit(np.array(xs), np.array(ys))

    def best(model: Any, cs: Sequence[sitename.Candidate]) -> tuple[float, str]:
        probs = model.predict_proba(np.array([features(c) for c in cs]))[:, 1]
        j = int(np.argmax(probs))
        return float(probs[j]), cs[j].name

    fit_data = [(p, sitename.candidates(p.text)) for p in load(shared, "fit")]
    fit_data = [(p, cs) for p, cs in fit_data if cs]
    held: list[tuple[float, bool]] = []
    for dom in sorted({p.domain for p, _ in fit_data}):
        model = fitted([(p, cs) for p, cs in fit_data if p.domain != dom])
        for p, cs in fit_data:
            if p.domain == dom:
                prob, name = best(model, cs)
                held.append((prob, outlet_right(name, None, p.domain)))
    options = []
    for t in [k / 20 for k in range(1, 20)]:
        right = sum(ok for q, ok in held if q >= t)
        wrong = sum(not ok for q, ok in held if q >= t)
        options.append((right - WRONG_COST * wrong, -t, right, wrong))
    _, neg_t, right, wrong = max(options)
    threshold = -neg_t
    print(
        f"logistic regression, leave-one-outlet-out on the fit half: threshold {threshold:.2f},"
        f" right {right}, wrong {wrong} (of {len(load(shared, 'fit'))} pages)"
    )
    model = fitted(fit_data)
    weights = ", ".join(f"{n} {w:+.2f}" for n, w in zip(FEATURES, model.coef_[0], strict=True))
    print(f"  weights (all of the fit half): {weights}, bias {model.intercept_[0]:+.2f}")
    for half in ("fit", "test", None):
        group = load(shared, half)
        lr_out: list[str | None] = []
        for p in group:
            cs = sitename.candidates(p.text)
            prob, name = best(model, cs) if cs else (0.0, "")
            lr_out.append(name if prob >= threshold else None)
        none = [None] * len(group)
        print(tally(group, lr_out, none).line(f"  {half or 'all':4} regression"))
        rule_out = [sitename.outlet_from_text(p.text) for p in group]
        print(tally(group, rule_out, none).line(f"  {half or 'all':4} agreement rule"))


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--shared", type=Path, default=DEFAULT_SHARED)
    parser.add_argument(
        "--compare",
        action="store_true",
        help="fit a logistic regression on the fit half and compare it with the rule",
    )
    args = parser.parse_args(argv)
    if not (args.shared / "benchmarks" / "scraped").is_dir():
        print(f"no scraped benchmark under {args.shared}; nothing to do")
        return 0
    if args.compare:
        compare(args.shared)
    else:
        report(args.shared)
    return 0


if __name__ == "__main__":
    sys.exit(main())
