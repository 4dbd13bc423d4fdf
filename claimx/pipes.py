"""What claimx's spaCy components share: rule components whose only state is the data
folder recorded in their config, so serializing them saves nothing and loading them
rebuilds from that folder."""

from __future__ import annotations

from collections.abc import Iterable

from spacy.pipeline import Pipe
from spacy.tokens import Doc


class StatelessPipe(Pipe):
    """A ``Pipe`` with no weights: ``pipe`` maps ``__call__`` and (de)serialization is a no-op."""

    def pipe(self, stream: Iterable[Doc], *, batch_size: int = 128) -> Iterable[Doc]:
        for doc in stream:
            yield self(doc)

    def to_disk(self, path, *, exclude=tuple()) -> None:  # noqa: D102
        return None

    def from_disk(self, path, *, exclude=tuple()):  # noqa: D102
        return self

    def to_bytes(self, *, exclude=tuple()) -> bytes:  # noqa: D102
        return b""

    def from_bytes(self, bytes_data: bytes, *, exclude=tuple()):  # noqa: D102
        return self
