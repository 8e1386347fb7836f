"""Prompt templates (Jinja2), shipped as package data. Loaded by summarizer.extraction.prompting."""
