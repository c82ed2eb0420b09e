"""The fitted same-event decision: written by ``benchmarks/cluster_fit.py --fit``.

Logistic weights over :data:`newsprism.index.stories.FEATURES`, fitted on the AllSides
fit half and the even ECB+ topics (see that script, which also reads them on
the other halves): one model for pairs with headlines, one (UNTITLED_) for
pairs missing one, fitted on the same sets with titles removed. Do not edit
by hand: refit.
"""

INTERCEPT = -2.9231
WEIGHTS = (
    3.0786,  # centroid
    0.1693,  # member_max
    1.1033,  # title_max
    -5.4632,  # date_gap
    -2.5940,  # weekday_apart
    0.0000,  # untitled
    6.5210,  # centroid_margin
    5.3173,  # centroid_lead
    -3.0786,  # member_margin
    -0.3708,  # member_lead
    1.9185,  # title_margin
    1.9384,  # title_lead
)

UNTITLED_INTERCEPT = -2.7493
UNTITLED_WEIGHTS = (
    5.8952,  # centroid
    -3.0210,  # member_max
    0.0000,  # title_max
    -5.3095,  # date_gap
    -2.3633,  # weekday_apart
    0.0000,  # untitled
    9.0354,  # centroid_margin
    6.5986,  # centroid_lead
    -2.4162,  # member_margin
    -1.1138,  # member_lead
    0.0000,  # title_margin
    0.0000,  # title_lead
)
