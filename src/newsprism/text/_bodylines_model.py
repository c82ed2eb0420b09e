"""The fitted body-line model: written by ``benchmarks/fit_bodylines.py --fit``.

Logistic weights over :data:`newsprism.text.bodylines.FEATURES` (first stage)
and :data:`newsprism.text.bodylines.CONTEXT_FEATURES` (second stage), and the
two thresholds, fitted on the ``fit`` half of the scraped-text set (see
``benchmarks/scraped_split.py``); that script also scores them on the
``test`` half. Do not edit by hand: refit.
"""

INTERCEPT = -4.6205
WEIGHTS = (
    0.0489,  # log_words
    1.3728,  # terminal
    2.3375,  # colon_end
    0.8513,  # sentences
    0.0402,  # caps
    0.5764,  # function
    1.8964,  # digits
    -0.8668,  # upper
    -0.6892,  # separators
    1.0859,  # quote_open
    -0.079,  # position
    -2.4349,  # words_before
    -0.1437,  # prose
    0.8708,  # context_words
    2.8502,  # context_terminal
    -1.6789,  # context_prose
    -0.5802,  # prose_before
    0.5538,  # prose_after
    0.6806,  # relative_length
    2.5314,  # context_kept
    1.3564,  # rules_kept
    0.0,  # rules_above_title
    -1.1548,  # rules_title
    0.6896,  # rules_below_form
    0.0,  # rules_site_repeat
    -2.0256,  # rules_related
    -0.0055,  # rules_title_repeat
    -1.7466,  # rules_duplicate
    0.0807,  # rules_copyright
    -1.1371,  # rules_credit
    -0.8006,  # rules_chrome
    -1.0505,  # rules_syndication
    -0.836,  # rules_byline
    -0.877,  # rules_widget
    -1.6836,  # rules_menu
    3.2635,  # rules_trimmed
    2.2594,  # rules_caption
    -0.6631,  # rules_comment_form
    0.5104,  # rules_trimmed_head
)
CONTEXT_INTERCEPT = 10.4093
CONTEXT_WEIGHTS = (
    -3.5739,  # line
    0.2911,  # neighbours_1
    0.5181,  # neighbours_3
    4.6422,  # neighbours_8
    -1.6648,  # below_page_best
    4.7613,  # share_of_best
    -12.5664,  # mass_before
    -12.7073,  # mass_after
)
# The main block is the run of lines whose word-weighted probability
# most exceeds this; inside it, lines below KEEP_THRESHOLD go.
BLOCK_THRESHOLD = 0.4
KEEP_THRESHOLD = 0.4
# A line a rule dropped comes back only with this probability.
REVIVE_THRESHOLD = 0.05
