"""The claims database: load and validate it (``database``), keep it parsed on disk
(``cache``), write to it (``write``), import other collections (``importer``),
draft claims from a release (``extract``) and list what it holds (``catalog``)."""
