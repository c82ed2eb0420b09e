"""From a raw record to a clean article: extraction, metadata, cleaning, language, words."""
