"""Articles across the corpus: copies and reprints, and stories (online clustering)."""
