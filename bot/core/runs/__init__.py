"""Checklist runs: a template started for a subject, one ordinary task per item."""
