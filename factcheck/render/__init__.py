"""Renderers: turn findings and claims into text, JSON and citations for output."""
