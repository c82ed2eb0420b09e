"""The fitted same-event decision: written by ``benchmarks/cluster_fit.py --fit``.

Logistic weights over :data:`newsprism.cluster.FEATURES`, fitted on the AllSides
fit half and the even ECB+ topics (see that script, which also reads them on
the other halves). Do not edit by hand: refit.
"""

INTERCEPT = -2.5617
WEIGHTS = (
    2.1708,  # centroid
    0.2661,  # member_max
    2.4359,  # title_max
    -14.8758,  # date_gap
    -2.4244,  # undated
    0.3849,  # log_terms
    6.6224,  # centroid_margin
    5.3624,  # centroid_lead
    -2.8321,  # member_margin
    -0.1863,  # member_lead
    0.5644,  # title_margin
    2.1153,  # title_lead
)
