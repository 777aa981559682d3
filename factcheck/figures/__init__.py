"""Figures: number words and intervals (``numerals``), figures, years and dates as a
draft states them (``parse``), paired with a claim's (``compare``) and turned into
the checker's evidence (``verdicts``)."""
