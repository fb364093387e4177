"""Checklist templates: their format, validation, versions and the ones Baton ships."""
