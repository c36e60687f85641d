"""Index: hashed word n-grams and the candidate document pairs they reveal."""

from variorum.index.candidates import candidate_pairs
from variorum.index.ngrams import ngram_hashes

__all__ = ["candidate_pairs", "ngram_hashes"]
