"""Objectives and key results: their periods, values, progress, status and check-ins."""
