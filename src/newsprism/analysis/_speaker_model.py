"""Fitted constants of quote extraction: written by benchmarks/fit_speakers.py.

Do not edit by hand; run the script again after changing the features in
newsprism.analysis.quotes (short_quote_features, _antecedent_candidates).

Logistic regression over the 1523 quotations of one to three words found
on PolNeAR train (890 inside an annotated attribution, with its source
as their speaker). Threshold: the lowest log-odds at which those kept on
train are right 97.5% of the time, as often as the longer
quotations are inside an attribution there. Reported on PolNeAR dev.

Antecedent ranker: logistic regression over the 2592 candidates of the
985 quotations with no speaker phrase or a pronoun on PolNeAR train
that match an attribution naming its source. Threshold: the lowest log-odds
at which its picks on train are right 68.9% of the time,
as often as the rules' picks were. Reported on PolNeAR dev.
"""

# One weight per feature of newsprism.analysis.quotes.SHORT_QUOTE_FEATURES, by name.
SHORT_QUOTE_WEIGHTS: dict[str, float] = {
    "one word": -0.6644,
    "two words": -0.4196,
    "no speaker found": -1.0901,
    "speaker named": 0.6317,
    "speaker is a pronoun": 0.6900,
    "speech verb earlier in the sentence": 1.2665,
    "speech verb in the six words before": -0.6132,
    "speech verb in the four words after": -0.0430,
    "naming verb before (called, dubbed)": -0.2675,
    "mention word before (the word, so-called)": -0.1450,
    "determiner before (a, the, his)": -0.0315,
    "demonstrative before (these, such)": -0.2400,
    "'that' before": 0.6598,
    "'as' before": 0.2770,
    "opens with a capital": -0.9239,
    "title case": -0.7065,
    "ends with . ! ?": -0.1821,
    "ends with a comma": -0.1969,
    "first or second person word": -0.4494,
    "paragraph holds a long quotation": 0.4512,
    "lead-in ends with : or ,": -0.1778,
    "ends the sentence": 0.6877,
    "sentence goes on in lower case": 0.2824,
    "words before it in the sentence (/30)": -0.3830,
    "according to": -0.2758,
    "its words stand elsewhere in the article": 0.4799,
}
SHORT_QUOTE_BIAS = 0.5188
SHORT_QUOTE_THRESHOLD = 2.1206

# One weight per feature of newsprism.analysis.quotes.ANTECEDENT_FEATURES, by name.
ANTECEDENT_WEIGHTS: dict[str, float] = {
    "speaker of an earlier quotation in the paragraph": 0.8046,
    "reported as speaking earlier in the paragraph": -0.7704,
    "last speaker named": 0.5814,
    "subject of the paragraph before": 0.8056,
    "subject of the quotation's sentence": 0.4748,
    "subject of the paragraph's first sentence": -0.7633,
    "speaker before the last one": -0.1540,
    "the name nearest before it in the paragraph": 0.2681,
    "subject of the paragraph before, named after the last speaker": -0.4127,
    "the rules' choice": 0.7442,
    "found by several of these": -0.0545,
    "no speaker phrase": -0.6009,
    "no speaker phrase, last speaker": 0.2876,
    "pronoun, earlier quotation's speaker": -0.7389,
    "pronoun, reported in the paragraph": 0.7508,
    "pronoun, last speaker": 0.2938,
    "rules say someone else's words": -0.5418,
    "rules say someone else's words, last speaker": -0.5818,
    "quotation opens the paragraph": 1.7899,
    "paragraphs since the last speaker (/5)": -2.0007,
    "an institution": -0.0157,
    "he or she, an institution": -0.0948,
    "a name, not a description": -0.6121,
    "named in the paragraph before the quotation": 1.9108,
    "named in earlier paragraphs (/5)": -0.2035,
    "plural pronoun (they, we)": -1.1136,
    "a person the article names in full": 0.5700,
}
ANTECEDENT_BIAS = -1.3678
ANTECEDENT_THRESHOLD = -0.5772
ANTECEDENT_RANKED = True
