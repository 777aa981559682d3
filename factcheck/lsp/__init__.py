"""The language server (``factcheck lsp``): lint results while a draft is written.

Only ``server`` knows about pygls and the protocol's types; the rest is
plain Python over the lint core, so it is tested without a client:
``live`` lints an open draft (the database through its cache, the
configuration nearest to the draft, sentences checked again only where the
text changed), ``positions`` turns offsets into the client's line and
character units, ``fixes`` computes quick fixes as minimal text edits and
``hover`` writes a sentence's evidence as Markdown. Nothing here is
imported by the other commands: pygls loads only for ``factcheck lsp``.
"""
