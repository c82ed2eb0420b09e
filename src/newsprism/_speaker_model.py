"""Fitted constants of quote extraction: written by benchmarks/fit_speakers.py.

Do not edit by hand; run the script again after changing the features in
newsprism.quotes (short_quote_features, _antecedent_candidates).

Logistic regression over the 1523 quotations of one to three words found
on PolNeAR train (880 inside an annotated attribution, with its source
as their speaker). Threshold: the lowest log-odds at which those kept on
train are right 97.5% of the time, as often as the longer
quotations are inside an attribution there. Reported on PolNeAR dev.

Antecedent ranker: logistic regression over the 2129 candidates of the
1033 quotations with no speaker phrase or a pronoun on PolNeAR train
that match an attribution naming its source. Threshold: the lowest log-odds
at which its picks on train are right 67.7% of the time,
as often as the rules' picks were. Reported on PolNeAR dev.
"""

# One weight per feature of newsprism.quotes.SHORT_QUOTE_FEATURES, by name.
SHORT_QUOTE_WEIGHTS: dict[str, float] = {
    "one word": -0.6980,
    "two words": -0.3369,
    "no speaker found": -1.1502,
    "speaker named": 0.6425,
    "speaker is a pronoun": 0.5885,
    "speech verb earlier in the sentence": 1.3174,
    "speech verb in the six words before": -0.6400,
    "speech verb in the four words after": -0.0809,
    "naming verb before (called, dubbed)": -0.2100,
    "mention word before (the word, so-called)": -0.2704,
    "determiner before (a, the, his)": 0.0093,
    "demonstrative before (these, such)": -0.2505,
    "'that' before": 0.7147,
    "'as' before": 0.2571,
    "opens with a capital": -0.9261,
    "title case": -0.7404,
    "ends with . ! ?": -0.4070,
    "ends with a comma": -0.2749,
    "first or second person word": -0.6585,
    "paragraph holds a long quotation": 0.5483,
    "lead-in ends with : or ,": -0.1463,
    "ends the sentence": 0.7470,
    "sentence goes on in lower case": 0.1909,
    "words before it in the sentence (/30)": -0.8323,
    "according to": -0.2752,
    "its words stand elsewhere in the article": 0.3057,
}
SHORT_QUOTE_BIAS = 0.7977
SHORT_QUOTE_THRESHOLD = 2.3619

# One weight per feature of newsprism.quotes.ANTECEDENT_FEATURES, by name.
ANTECEDENT_WEIGHTS: dict[str, float] = {
    "speaker of an earlier quotation in the paragraph": 0.8852,
    "reported as speaking earlier in the paragraph": -0.6805,
    "last speaker named": 0.2926,
    "subject of the paragraph before": 0.6985,
    "subject of the quotation's sentence": 0.7644,
    "subject of the paragraph's first sentence": -1.0138,
    "speaker before the last one": -0.1321,
    "the rules' choice": 1.1586,
    "found by several of these": 0.0964,
    "no speaker phrase": -0.9333,
    "no speaker phrase, last speaker": 0.2744,
    "pronoun, earlier quotation's speaker": -0.7013,
    "pronoun, reported in the paragraph": 0.4818,
    "pronoun, last speaker": 0.0182,
    "rules say someone else's words": -0.8737,
    "rules say someone else's words, last speaker": 0.1647,
    "quotation opens the paragraph": 1.7625,
    "paragraphs since the last speaker (/5)": -2.3038,
    "an institution": -0.0727,
    "he or she, an institution": -0.0836,
    "a name, not a description": -0.3864,
    "named in the paragraph before the quotation": 1.9373,
    "named in earlier paragraphs (/5)": 0.2360,
    "plural pronoun (they, we)": 0.0745,
}
ANTECEDENT_BIAS = -1.2255
ANTECEDENT_THRESHOLD = -1.7522
ANTECEDENT_RANKED = True
