"""The ``claimx_claims`` spaCy factory and the ``Doc`` extensions it fills.

The claim objects are stored on the Doc (``doc._.claimx_claims``) as they were built, so
reading ``doc._.claims`` costs nothing. A msgpack encoder and decoder registered with srsly
(spaCy's serializer) let ``Doc.to_bytes``, ``DocBin(store_user_data=True)`` and
``nlp.pipe(n_process=...)`` carry them: a claim travels as its JSON-mode dict and is
validated again when read.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import srsly
from spacy.language import Language
from spacy.tokens import Doc

from ..entities.labels import SPANS_KEY
from ..errors import Errors
from ..pipes import StatelessPipe
from ..resources import models_dir
from ..schema import Claim
from .assemble import assemble

#: The key under which a claim's JSON-mode dict travels in msgpack.
_MSGPACK_KEY = "__claimx_claim__"


def _encode_claim(obj: Any, chain: Any = None) -> Any:
    """srsly msgpack encoder: a :class:`Claim` becomes a tagged JSON-mode dict."""
    if isinstance(obj, Claim):
        return {_MSGPACK_KEY: obj.model_dump(mode="json")}
    return obj if chain is None else chain(obj)


def _decode_claim(obj: Any, chain: Any = None) -> Any:
    """srsly msgpack decoder: a tagged dict becomes a validated :class:`Claim` again.
    It sees every map any msgpack reader in the process decodes, so it only tests a key."""
    if _MSGPACK_KEY in obj:
        return Claim.model_validate(obj[_MSGPACK_KEY])
    return obj if chain is None else chain(obj)


def _get_claims(doc: Doc) -> list[Claim]:
    # a claim is still a tagged dict when its Doc was read before claimx was imported
    return [c if isinstance(c, Claim) else _decode_claim(c) for c in doc._.claimx_claims or ()]


def _register_extensions() -> None:
    if not Doc.has_extension("claimx_published"):
        Doc.set_extension("claimx_published", default=None)  # ISO date string or None
    if not Doc.has_extension("claimx_claims"):
        Doc.set_extension("claimx_claims", default=None)  # the Claim objects, in text order
    if not Doc.has_extension("claims"):
        Doc.set_extension("claims", getter=_get_claims)
    srsly.msgpack_encoders.register("claimx_claim", func=_encode_claim)
    srsly.msgpack_decoders.register("claimx_claim", func=_decode_claim)


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
            doc._.claimx_claims = claims
        except Exception as exc:
            error_handler(self.name, self, [doc], exc)
        return doc


@Language.factory(
    "claimx_claims",
    default_config={"spans_key": SPANS_KEY, "data_dir": None},
    requires=["doc.spans", "token.is_sent_start"],
    assigns=["doc._.claimx_claims", "doc._.claims"],
)
def make_claim_assembler(nlp: Language, name: str, spans_key: str, data_dir: str | None) -> ClaimAssembler:
    """Create the claim assembler; needs ``claimx_entities`` earlier in the pipeline."""
    return ClaimAssembler(nlp, name, spans_key=spans_key, data_dir=data_dir)
