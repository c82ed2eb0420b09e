"""Fitted constants of quote extraction: written by benchmarks/fit_speakers.py.

Do not edit by hand; run the script again after changing the features in
newsprism.quotes.short_quote_features.

Logistic regression over the 1523 quotations of one to three words found
on PolNeAR train (867 inside an annotated attribution, with its source
as their speaker). Threshold: the lowest log-odds at which those kept on
train are right 97.5% of the time, as often as the longer
quotations are inside an attribution there. Reported on PolNeAR dev.
"""

# One weight per feature of newsprism.quotes.SHORT_QUOTE_FEATURES, by name.
SHORT_QUOTE_WEIGHTS: dict[str, float] = {
    "one word": -0.6700,
    "two words": -0.2783,
    "no speaker found": -1.2599,
    "speaker named": 0.6628,
    "speaker is a pronoun": 0.4847,
    "speech verb earlier in the sentence": 1.3871,
    "speech verb in the six words before": -0.7298,
    "speech verb in the four words after": -0.0367,
    "naming verb before (called, dubbed)": -0.3342,
    "mention word before (the word, so-called)": -0.2348,
    "determiner before (a, the, his)": -0.0341,
    "demonstrative before (these, such)": -0.4486,
    "'that' before": 0.4111,
    "'as' before": 0.2100,
    "opens with a capital": -0.9430,
    "title case": -0.8006,
    "ends with . ! ?": -0.3155,
    "ends with a comma": -0.3722,
    "first or second person word": -0.7212,
    "paragraph holds a long quotation": 0.5394,
    "lead-in ends with : or ,": -0.1834,
    "ends the sentence": 0.7446,
    "sentence goes on in lower case": 0.2927,
    "words before it in the sentence (/30)": -1.0488,
    "according to": -0.2774,
    "its words stand elsewhere in the article": 0.2195,
}
SHORT_QUOTE_BIAS = 0.8168
SHORT_QUOTE_THRESHOLD = 2.4616
