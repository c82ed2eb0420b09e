"""Fitted constants of quote extraction: written by benchmarks/fit_speakers.py.

Do not edit by hand; run the script again after changing the features in
newsprism.quotes (short_quote_features, _antecedent_candidates).

Logistic regression over the 1523 quotations of one to three words found
on PolNeAR train (886 inside an annotated attribution, with its source
as their speaker). Threshold: the lowest log-odds at which those kept on
train are right 97.5% of the time, as often as the longer
quotations are inside an attribution there. Reported on PolNeAR dev.

Antecedent ranker: logistic regression over the 2128 candidates of the
1030 quotations with no speaker phrase or a pronoun on PolNeAR train
that match an attribution naming its source. Threshold: the lowest log-odds
at which its picks on train are right 67.7% of the time,
as often as the rules' picks were. Reported on PolNeAR dev.
"""

# One weight per feature of newsprism.quotes.SHORT_QUOTE_FEATURES, by name.
SHORT_QUOTE_WEIGHTS: dict[str, float] = {
    "one word": -0.6606,
    "two words": -0.2990,
    "no speaker found": -1.0935,
    "speaker named": 0.6354,
    "speaker is a pronoun": 0.5929,
    "speech verb earlier in the sentence": 1.3010,
    "speech verb in the six words before": -0.6430,
    "speech verb in the four words after": -0.1100,
    "naming verb before (called, dubbed)": -0.2482,
    "mention word before (the word, so-called)": -0.3001,
    "determiner before (a, the, his)": 0.0215,
    "demonstrative before (these, such)": -0.2571,
    "'that' before": 0.7143,
    "'as' before": 0.3450,
    "opens with a capital": -0.8788,
    "title case": -0.7587,
    "ends with . ! ?": -0.3280,
    "ends with a comma": -0.2444,
    "first or second person word": -0.6633,
    "paragraph holds a long quotation": 0.5346,
    "lead-in ends with : or ,": -0.1764,
    "ends the sentence": 0.6874,
    "sentence goes on in lower case": 0.1997,
    "words before it in the sentence (/30)": -0.8041,
    "according to": -0.2738,
    "its words stand elsewhere in the article": 0.3593,
}
SHORT_QUOTE_BIAS = 0.7331
SHORT_QUOTE_THRESHOLD = 2.3238

# One weight per feature of newsprism.quotes.ANTECEDENT_FEATURES, by name.
ANTECEDENT_WEIGHTS: dict[str, float] = {
    "speaker of an earlier quotation in the paragraph": 0.8601,
    "reported as speaking earlier in the paragraph": -0.7100,
    "last speaker named": 0.2887,
    "subject of the paragraph before": 0.7026,
    "subject of the quotation's sentence": 0.7911,
    "subject of the paragraph's first sentence": -1.0207,
    "speaker before the last one": -0.1278,
    "the rules' choice": 1.1908,
    "found by several of these": 0.1018,
    "no speaker phrase": -0.8924,
    "no speaker phrase, last speaker": 0.2504,
    "pronoun, earlier quotation's speaker": -0.6819,
    "pronoun, reported in the paragraph": 0.5000,
    "pronoun, last speaker": 0.0383,
    "rules say someone else's words": -0.7174,
    "rules say someone else's words, last speaker": 0.0712,
    "quotation opens the paragraph": 1.7654,
    "paragraphs since the last speaker (/5)": -2.2900,
    "an institution": -0.0744,
    "he or she, an institution": -0.0813,
    "a name, not a description": -0.4183,
    "named in the paragraph before the quotation": 1.9407,
    "named in earlier paragraphs (/5)": 0.2322,
    "plural pronoun (they, we)": 0.0789,
}
ANTECEDENT_BIAS = -1.2402
ANTECEDENT_THRESHOLD = -1.8019
ANTECEDENT_RANKED = True
