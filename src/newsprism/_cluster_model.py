"""The fitted same-event decision: written by ``benchmarks/cluster_fit.py --fit``.

Logistic weights over :data:`newsprism.cluster.FEATURES`, fitted on the AllSides
fit half and the even ECB+ topics (see that script, which also reads them on
the other halves). Do not edit by hand: refit.
"""

INTERCEPT = -3.3043
WEIGHTS = (
    2.8792,  # centroid
    -0.9386,  # member_max
    2.2493,  # title_max
    -4.9794,  # date_gap
    7.4845,  # centroid_margin
    4.8079,  # centroid_lead
    -2.5360,  # member_margin
    -0.0853,  # member_lead
    0.5919,  # title_margin
    2.1288,  # title_lead
)
