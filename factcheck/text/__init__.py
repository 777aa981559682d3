"""Reading drafts: bytes to a ``Document`` and its sentences (``document``), the
markup readers that keep every offset (``markdown``, ``word``), and the one
normalization all comparisons go through (``normalize``)."""
