"""Metrics and loaders for the public evaluation datasets in ``../shared/data``."""
