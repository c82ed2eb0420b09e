"""Weights of the headline model (:mod:`newsprism.text.headline`).

Written by ``python benchmarks/scraped_titles.py --fit`` (do not edit by hand;
rerun it after changing the features; one weight per feature, by name, in
the order of ``headline.FEATURE_NAMES``). Two logistic regressions
(scikit-learn, L2, C=1.0) over the headline candidates below the first line of
the scraped-text set's fit half (``benchmarks/scraped_split.py``; label: the
candidate is the page's og:title by the scorer's rule):

- WEIGHTS: pages whose first line reads as a <title> (420 candidates,
  72 positive). THRESHOLD: the lowest probability at which the best
  line replaces the <title>'s head (``headline.choose``).
- WEIGHTS_NO_TITLE: the same pages with their first line dropped, those whose
  new first line is not <title>-like (423 candidates,
  71 positive).
  THRESHOLD_NO_TITLE: the lowest probability at which the best line is the
  headline.

Each threshold maximises right - 2 x wrong on out-of-fold probabilities
(folds by outlet) of the fit half (the middle of the run of thresholds that
do). Pages of each kind, alone:

With a title, fit half:  right 69/76, wrong 7, abstained 0
With a title, test half: right 84/92, wrong 8, abstained 0
No title, fit half:      right 27/77, wrong 11, abstained 39
No title, test half:     right 33/94, wrong 11, abstained 50
"""

INTERCEPT = -5.8988
WEIGHTS: dict[str, float] = {
    "next_prose": -0.2872,
    "lines_to_prose": -0.1991,
    "dateline_below": 0.9904,
    "order": -0.1143,
    "from_bottom": -0.4556,
    "words": 0.8531,
    "caps_share": 0.5283,
    "ends_sentence": -0.045,
    "prev_short": -0.0906,
    "repeated": 0.7669,
    "overlap_first": 5.1805,
}
THRESHOLD = 0.4342

INTERCEPT_NO_TITLE = -3.4892
WEIGHTS_NO_TITLE: dict[str, float] = {
    "next_prose": -0.16,
    "lines_to_prose": -0.582,
    "dateline_below": 1.9876,
    "order": -0.6046,
    "from_bottom": -0.7068,
    "words": 1.2552,
    "caps_share": 0.3507,
    "ends_sentence": -0.2723,
    "prev_short": 0.5609,
    "repeated": 1.0566,
    "overlap_first": 0.0,
}
THRESHOLD_NO_TITLE = 0.7138
