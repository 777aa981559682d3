"""Fact-linting for CI and editors: rules and the run (``linter``), configuration
(``config``), suppression comments (``suppressions``) and which files to read
(``discover``)."""
