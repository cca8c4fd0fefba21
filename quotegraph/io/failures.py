"""`InputFailure`: one input (file, row or stream) that did not become an `Article`.

Readers yield a failure in place of the article instead of raising, so one bad
input never stops a batch. The CLI shows ``failure.message`` on stderr and writes
``failure.to_dict()`` to ``errors.jsonl``.

>>> failure = InputFailure("news.jsonl", "invalid JSON: Expecting value", line=3)
>>> failure.message
'news.jsonl:3: invalid JSON: Expecting value'
>>> InputFailure.from_dict(failure.to_dict()) == failure
True
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal, Mapping

__all__ = ["FailureLevel", "InputFailure"]

#: ``"error"``: the input should have been an article and could not be read.
#: ``"notice"``: the input was skipped on purpose (empty, not an article file).
#: ``"warning"``: the article was read and extracted, with a data anomaly (an unclosed quote mark).
FailureLevel = Literal["error", "notice", "warning"]


@dataclass(frozen=True, slots=True)
class InputFailure:
    """One input that was skipped, and why.

    Parameters
    ----------
    path : str
        The file as the user named it (``"<stdin>"`` for standard input).
    reason : str
        One line saying what is wrong, naming the bad value where there is one.
    line : int or None, optional (default=None)
        1-based line of the bad row in a JSONL/CSV file.
    level : {"error", "notice"}, optional (default="error")
        ``"error"`` counts as a failed input (non-zero exit status); ``"notice"``
        marks an input skipped on purpose, such as an empty file.
    """

    path: str
    reason: str
    line: int | None = None
    level: FailureLevel = "error"

    @property
    def message(self) -> str:
        """``path[:line]: reason`` on one line."""
        where = f"{self.path}:{self.line}" if self.line is not None else self.path
        reason = " ".join(self.reason.split())
        return f"{where}: {reason}"

    @property
    def is_error(self) -> bool:
        return self.level == "error"

    def to_dict(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "line": self.line,
            "level": self.level,
            "reason": self.reason,
            "message": self.message,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> InputFailure:
        line = data.get("line")
        level: FailureLevel = "error"
        if data.get("level") in ("notice", "warning"):
            level = "notice" if data.get("level") == "notice" else "warning"
        return cls(
            path=str(data["path"]),
            reason=str(data["reason"]),
            line=int(line) if line is not None else None,
            level=level,
        )
