"""Walk the whole audit chain and check it, in constant memory.

Rows are read in keyset-paginated batches (`seq > last seen`, on the primary key index) as
plain tuples, so millions of rows stream through without loading models or holding a cursor
open across batches.
"""

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from gofal.audit.models import AuditEvent
from gofal.audit.services import GENESIS, HASHED_FIELDS, row_hash


@dataclass(frozen=True)
class Result:
    verified: int
    head_seq: int = 0
    head_hash: str = GENESIS
    broken_at: int | None = None
    reason: str = ""

    @property
    def intact(self) -> bool:
        return self.broken_at is None


def _rows(batch_size: int) -> Iterator[dict[str, Any]]:
    fields = (*HASHED_FIELDS, "hash")
    last = 0
    while True:
        batch = list(
            AuditEvent.objects.filter(seq__gt=last)
            .order_by("seq")
            .values_list(*fields)[:batch_size]
        )
        if not batch:
            return
        for values in batch:
            yield dict(zip(fields, values, strict=True))
        last = batch[-1][0]


def verify_chain(*, batch_size: int = 5000, anchor: tuple[int, str] | None = None) -> Result:
    """Check every row: positions 1, 2, 3... with no gap, each linked to the one before, and
    each row's hash recomputed from its content. Stops at the first break.

    `anchor` is a (position, hash) head printed by an earlier run and kept outside the
    database: the chain must still hold that row with that hash, which detects a chain that
    was emptied (TRUNCATE) or rewritten from some point on.
    """
    expected_seq, prev_hash, verified = 1, GENESIS, 0
    for row in _rows(batch_size):
        seq = row["seq"]
        if seq != expected_seq:
            return Result(
                verified,
                expected_seq - 1,
                prev_hash,
                broken_at=expected_seq,
                reason=f"position {expected_seq} is missing (the next row is at {seq})",
            )
        if row["prev_hash"] != prev_hash:
            return Result(
                verified,
                seq - 1,
                prev_hash,
                broken_at=seq,
                reason="its previous-hash link does not match the hash of the row before",
            )
        stored = row.pop("hash")
        if row_hash(**row) != stored:
            return Result(
                verified,
                seq - 1,
                prev_hash,
                broken_at=seq,
                reason="its content does not match its hash (the row was changed)",
            )
        if anchor and seq == anchor[0] and stored != anchor[1]:
            return Result(
                verified,
                seq - 1,
                prev_hash,
                broken_at=seq,
                reason="its hash differs from the anchor kept earlier (the chain was rewritten)",
            )
        verified += 1
        expected_seq, prev_hash = seq + 1, stored
    if anchor and anchor[0] >= expected_seq:
        return Result(
            verified,
            expected_seq - 1,
            prev_hash,
            broken_at=anchor[0],
            reason="the anchor recorded earlier is no longer in the chain (rows were removed)",
        )
    return Result(verified, expected_seq - 1, prev_hash)
