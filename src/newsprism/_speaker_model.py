"""Fitted constants of quote extraction: written by benchmarks/fit_speakers.py.

Do not edit by hand; run the script again after changing the features in
newsprism.quotes (short_quote_features, _antecedent_candidates).

Logistic regression over the 1523 quotations of one to three words found
on PolNeAR train (890 inside an annotated attribution, with its source
as their speaker). Threshold: the lowest log-odds at which those kept on
train are right 97.5% of the time, as often as the longer
quotations are inside an attribution there. Reported on PolNeAR dev.

Antecedent ranker: logistic regression over the 2715 candidates of the
1030 quotations with no speaker phrase or a pronoun on PolNeAR train
that match an attribution naming its source. Threshold: the lowest log-odds
at which its picks on train are right 67.7% of the time,
as often as the rules' picks were. Reported on PolNeAR dev.
"""

# One weight per feature of newsprism.quotes.SHORT_QUOTE_FEATURES, by name.
SHORT_QUOTE_WEIGHTS: dict[str, float] = {
    "one word": -0.6777,
    "two words": -0.4210,
    "no speaker found": -1.0730,
    "speaker named": 0.6400,
    "speaker is a pronoun": 0.6911,
    "speech verb earlier in the sentence": 1.2698,
    "speech verb in the six words before": -0.6172,
    "speech verb in the four words after": -0.0516,
    "naming verb before (called, dubbed)": -0.2604,
    "mention word before (the word, so-called)": -0.1391,
    "determiner before (a, the, his)": -0.0345,
    "demonstrative before (these, such)": -0.2381,
    "'that' before": 0.6710,
    "'as' before": 0.2580,
    "opens with a capital": -0.9130,
    "title case": -0.7163,
    "ends with . ! ?": -0.1791,
    "ends with a comma": -0.2008,
    "first or second person word": -0.4481,
    "paragraph holds a long quotation": 0.4442,
    "lead-in ends with : or ,": -0.1811,
    "ends the sentence": 0.6859,
    "sentence goes on in lower case": 0.2816,
    "words before it in the sentence (/30)": -0.3786,
    "according to": -0.2815,
    "its words stand elsewhere in the article": 0.3887,
}
SHORT_QUOTE_BIAS = 0.5208
SHORT_QUOTE_THRESHOLD = 2.1305

# One weight per feature of newsprism.quotes.ANTECEDENT_FEATURES, by name.
ANTECEDENT_WEIGHTS: dict[str, float] = {
    "speaker of an earlier quotation in the paragraph": 0.9493,
    "reported as speaking earlier in the paragraph": -0.6887,
    "last speaker named": 0.5240,
    "subject of the paragraph before": 0.7444,
    "subject of the quotation's sentence": 1.0440,
    "subject of the paragraph's first sentence": -0.9897,
    "speaker before the last one": -0.1822,
    "the name nearest before it in the paragraph": 0.1922,
    "subject of the paragraph before, named after the last speaker": -0.4108,
    "the rules' choice": 0.8307,
    "found by several of these": 0.0382,
    "no speaker phrase": -0.4082,
    "no speaker phrase, last speaker": 0.1581,
    "pronoun, earlier quotation's speaker": -0.6754,
    "pronoun, reported in the paragraph": 1.0315,
    "pronoun, last speaker": 0.3659,
    "rules say someone else's words": -0.5522,
    "rules say someone else's words, last speaker": -0.3801,
    "quotation opens the paragraph": 1.8358,
    "paragraphs since the last speaker (/5)": -2.1550,
    "an institution": -0.0995,
    "he or she, an institution": -0.0571,
    "a name, not a description": -0.3594,
    "named in the paragraph before the quotation": 1.8854,
    "named in earlier paragraphs (/5)": 0.0334,
    "plural pronoun (they, we)": -0.2560,
}
ANTECEDENT_BIAS = -1.5386
ANTECEDENT_THRESHOLD = -0.7475
ANTECEDENT_RANKED = True
