"""The fitted same-event decision: written by ``benchmarks/cluster_fit.py --fit``.

Logistic weights over :data:`newsprism.index.stories.FEATURES`, fitted on the AllSides
fit half and the even ECB+ topics (see that script, which also reads them on
the other halves). Do not edit by hand: refit.
"""

INTERCEPT = -2.9231
WEIGHTS = (
    3.0786,  # centroid
    0.1693,  # member_max
    1.1033,  # title_max
    -5.4632,  # date_gap
    -2.5940,  # weekday_apart
    6.5210,  # centroid_margin
    5.3173,  # centroid_lead
    -3.0786,  # member_margin
    -0.3708,  # member_lead
    1.9185,  # title_margin
    1.9384,  # title_lead
)
