"""Weights of the headline model (:mod:`newsprism.headline`).

Written by ``python benchmarks/scraped_titles.py --fit`` (do not edit by hand;
rerun it after changing the features; one weight per feature, by name, in
the order of ``headline.FEATURE_NAMES``). A logistic regression (scikit-learn,
L2, C=1.0) over the 466 headline candidates (72 of them the gold title by
the scorer's rule) of the scraped-text set's fit half
(``benchmarks/scraped_split.py``); THRESHOLD is the lowest probability of a
line candidate at which it replaces the first line's head (see
``headline.choose``), the one that maximises right - 2 x wrong on the fit half.

Fit half:  right 70/78 titled pages, wrong 8, abstained 0.
Test half: right 88/96 titled pages, wrong 8, abstained 0.
"""

INTERCEPT = -6.1141
WEIGHTS: dict[str, float] = {
    "next_prose": -0.2691,
    "lines_to_prose": -0.1732,
    "dateline_below": 0.9819,
    "order": -0.1287,
    "from_bottom": -0.436,
    "words": 0.8794,
    "caps_share": 0.5262,
    "ends_sentence": -0.0145,
    "prev_short": -0.0706,
    "repeated": 0.7345,
    "no_first": 0.0,
    "overlap_first": 5.3345,
}
THRESHOLD = 0.391
