"""Weights of the publication-date model (:mod:`newsprism.text.pubdate`).

Written by ``python benchmarks/scraped_dates.py --fit`` (do not edit by hand;
rerun it after changing the features; one weight per feature, by name, in
the order of ``pubdate.FEATURE_NAMES``). A logistic regression (scikit-learn,
L2, C=1.0) over the 214 date candidates (99 of them the gold day) of
the scraped-text set's fit half (``benchmarks/scraped_split.py``), pages whose
gold has a real date; THRESHOLD is the lowest probability of a page's best
candidate that maximises right - 2 x wrong (on gold-dated pages) on the fit half.

Fit half:  right 56/66 gold-dated pages,
           wrong 18/74 dates given (14 on pages without a gold date).
Test half: right 49/78 gold-dated pages,
           wrong 31/80 dates given (17 on pages without a gold date).
"""

INTERCEPT = -1.4969
WEIGHTS: dict[str, float] = {
    "cue_published": 1.6121,
    "cue_updated": 0.8541,
    "cue_byline": 0.1035,
    "dash_before": -0.97,
    "cue_reference": -0.635,
    "has_time": 1.3667,
    "has_zone": 0.6007,
    "line_only_date": -0.6804,
    "line_words": -0.1562,
    "lower_words_around": 0.2392,
    "before_prose": 0.6302,
    "just_above_prose": 0.2956,
    "after_prose": 0.5745,
    "in_prose_line": -0.3637,
    "top_lines": -0.2348,
    "first_candidate": 2.6931,
    "same_day_count": 1.7901,
    "latest_of_several": 0.063,
    "earliest_of_several": -0.783,
    "dated_neighbours": -0.8037,
    "numeric": 0.0559,
    "ambiguous_order": 0.0,
    "bare_after_stamp": -0.5571,
}
THRESHOLD = 0.6249
