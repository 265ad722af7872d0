"""Packaged data: aspect lexicons, heading vocabularies, sentiment layers, models."""
