"""Checking a sentence against the claims: retrieve (``index``, ``termweights``),
score (``matcher``, with the ``paraphrase`` lexicon), read the sentence's framing,
clauses, places, quotations and speakers, and give the verdict (``checker``;
``batch`` runs it over many inputs). Vocabularies live in ``lexicon/`` as data."""
