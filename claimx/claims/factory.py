"""The ``claimx_claims`` spaCy factory and the ``Doc`` extensions it fills.

Claims are stored on the Doc as plain JSON-mode dicts (``doc._.claimx_claims``) so that
``Doc.to_bytes``, ``DocBin(store_user_data=True)`` and ``nlp.pipe(n_process=...)``
carry them unchanged; ``doc._.claims`` rebuilds the pydantic objects on access.
"""

from __future__ import annotations

from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from ..entities.labels import SPANS_KEY
from ..errors import Errors
from ..pipes import StatelessPipe
from ..resources import models_dir
from ..schema import Claim
from .assemble import assemble


def _get_claims(doc: Doc) -> list[Claim]:
    return [Claim.model_validate(data) for data in (doc._.claimx_claims or [])]


def _register_extensions() -> None:
    if not Doc.has_extension("claimx_published"):
        Doc.set_extension("claimx_published", default=None)  # ISO date string or None
    if not Doc.has_extension("claimx_claims"):
        Doc.set_extension("claimx_claims", default=None)  # list of JSON-mode claim dicts
    if not Doc.has_extension("claims"):
        Doc.set_extension("claims", getter=_get_claims)


_register_extensions()


class ClaimAssembler(StatelessPipe):
    """Builds attributed claims from ``doc.spans[spans_key]`` and sets ``doc._.claims``."""

    def __init__(
        self,
        nlp: Language,
        name: str = "claimx_claims",
        *,
        spans_key: str = SPANS_KEY,
        data_dir: str | Path | None = None,
    ) -> None:
        self.name = name
        self.spans_key = spans_key
        self.data_dir = models_dir(data_dir)

    def __call__(self, doc: Doc) -> Doc:
        error_handler = self.get_error_handler()
        try:
            if self.spans_key not in doc.spans:
                raise ValueError(Errors.E020.format(name=self.name, needed="claimx_entities"))
            claims = assemble(doc, doc.spans[self.spans_key], doc._.claimx_published, self.data_dir)
            doc._.claimx_claims = [claim.model_dump(mode="json") for claim in claims]
        except Exception as exc:
            error_handler(self.name, self, [doc], exc)
        return doc


@Language.factory("claimx_claims", default_config={"spans_key": SPANS_KEY, "data_dir": None})
def make_claim_assembler(nlp: Language, name: str, spans_key: str, data_dir: str | None) -> ClaimAssembler:
    """Create the claim assembler; needs ``claimx_entities`` earlier in the pipeline."""
    return ClaimAssembler(nlp, name, spans_key=spans_key, data_dir=data_dir)
