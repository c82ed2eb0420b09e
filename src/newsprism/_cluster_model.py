"""The fitted same-event decision: written by ``benchmarks/cluster_fit.py --fit``.

Logistic weights over :data:`newsprism.cluster.FEATURES`, fitted on the AllSides
fit half and the even ECB+ topics (see that script, which also reads them on
the other halves). Do not edit by hand: refit.
"""

INTERCEPT = -3.2954
WEIGHTS = (
    3.3068,  # centroid
    -1.3756,  # member_max
    2.2364,  # title_max
    -4.9173,  # date_gap
    7.2117,  # centroid_margin
    4.6393,  # centroid_lead
    -2.2226,  # member_margin
    0.0743,  # member_lead
    0.4912,  # title_margin
    2.2227,  # title_lead
)
