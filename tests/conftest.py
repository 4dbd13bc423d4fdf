"""Shared fixtures: one default pipeline per test session (building it is the slow part)."""

from __future__ import annotations

import pytest
from spacy.language import Language

import claimx


@pytest.fixture(scope="session")
def nlp() -> Language:
    return claimx.load()
