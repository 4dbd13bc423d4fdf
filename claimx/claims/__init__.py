"""The ``claimx_claims`` component: assembles claims from the entity spans."""

from .factory import ClaimAssembler, make_claim_assembler

__all__ = ["ClaimAssembler", "make_claim_assembler"]
