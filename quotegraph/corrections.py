"""A researcher's corrections, applied to linked quotes on every run.

A corrections file (YAML or CSV, see ``docs/data_format.md``) is a list of
records ``{action, target, value}``:

==========  =====================================  =====================================
action      target                                 value
==========  =====================================  =====================================
merge       the speaker to merge away (name / id)  the speaker to keep (name / id)
split       quote ids (``;``-separated)            the new speaker's name
gender      a speaker (name / id)                  ``female``, ``male`` or ``unknown``
reassign    a quote id                             the speaker it belongs to (name / id)
not_quote   a quote id                             (empty)
==========  =====================================  =====================================

Structural corrections (merge, split, reassign, not_quote) run right after
linking, before gender inference; gender corrections run after it and win over
every inferred gender (``gender_evidence = "corrected"``). Every quote a
correction changed lists what changed in ``Quote.corrected``. A correction that
matches nothing is logged as a WARNING and listed in `CorrectionReport.unmatched`.

Examples
--------
>>> from quotegraph.model import Quote, QuoteKind, Speaker, SpeakerKind
>>> kirby = Speaker("Kirby", entity_id="person:kirby", kind=SpeakerKind.PERSON)
>>> quotes = [Quote("a", "a:0-4", '"Y."', 0, 4, QuoteKind.DIRECT, kirby)]
>>> fixes = [Correction("gender", "Kirby", "male"), Correction("not_quote", "b:1-2", "")]
>>> quotes, report = apply_structural(quotes, fixes)
>>> quotes = apply_genders(quotes, fixes, report)
>>> quotes[0].speaker.gender, quotes[0].speaker.gender_evidence, quotes[0].corrected
('male', 'corrected', ('gender',))
>>> [c.action for c in report.unmatched]
['not_quote']
"""

from __future__ import annotations

import csv
import logging
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Iterable, Sequence

from quotegraph.errors import InputFormatError
from quotegraph.model import GENDERS, Quote, Resolution, Speaker, SpeakerKind, make_entity_id

__all__ = [
    "ACTIONS",
    "Correction",
    "CorrectionReport",
    "apply_genders",
    "apply_structural",
    "read_corrections",
]

logger = logging.getLogger(__name__)

ACTIONS = ("merge", "split", "gender", "reassign", "not_quote")


@dataclass(frozen=True, slots=True)
class Correction:
    """One line of a corrections file; ``where`` is ``file:line`` for messages."""

    action: str
    target: str
    value: str = ""
    where: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {"action": self.action, "target": self.target, "value": self.value, "where": self.where}


@dataclass
class CorrectionReport:
    """What the corrections did: quotes changed, quotes removed, corrections that matched nothing."""

    applied: int = 0
    changed_quotes: int = 0
    removed: list[str] = field(default_factory=list)
    unmatched: list[Correction] = field(default_factory=list)

    def miss(self, correction: Correction, why: str) -> None:
        logger.warning("%s: correction %s %r matches nothing (%s)", correction.where or "corrections",
                       correction.action, correction.target, why)
        self.unmatched.append(correction)

    def to_dict(self) -> dict[str, Any]:
        return {
            "applied": self.applied,
            "changed_quotes": self.changed_quotes,
            "removed_quotes": list(self.removed),
            "unmatched": [c.to_dict() for c in self.unmatched],
        }


def read_corrections(path: str | Path) -> list[Correction]:
    """Read a YAML (``.yaml``/``.yml``) or CSV corrections file.

    Raises
    ------
    InputFormatError
        Naming the file (and line) of a record with an unknown action, a missing
        target, or a gender outside ``female``/``male``/``unknown``.
    """
    path = Path(path)
    if not path.is_file():
        raise InputFormatError(str(path), "corrections file not found")
    if path.suffix.lower() in (".yaml", ".yml"):
        records = _yaml_records(path)
    else:
        with open(path, encoding="utf-8-sig", newline="") as handle:
            records = list(_csv_records(handle, str(path)))
    return [_check(path, line, record) for line, record in records]


def apply_structural(quotes: Sequence[Quote], corrections: Iterable[Correction]) -> tuple[list[Quote], CorrectionReport]:
    """Apply merge, split, reassign and not_quote corrections, in file order."""
    report = CorrectionReport()
    current = list(quotes)
    for fix in corrections:
        if fix.action == "gender":
            continue
        apply = {"merge": _merge, "split": _split, "reassign": _reassign, "not_quote": _not_quote}[fix.action]
        missed = len(report.unmatched)
        current = apply(current, fix, report)
        report.applied += len(report.unmatched) == missed
    report.changed_quotes = sum(1 for q in current if q.corrected)
    return current, report


def apply_genders(quotes: Sequence[Quote], corrections: Iterable[Correction], report: CorrectionReport) -> list[Quote]:
    """Set the gender of corrected speakers (``gender_evidence="corrected"``)."""
    current = list(quotes)
    for fix in corrections:
        if fix.action != "gender":
            continue
        hits = [i for i, q in enumerate(current) if _is_speaker(q.speaker, fix.target)]
        if not hits:
            report.miss(fix, "no speaker of that name or id")
            continue
        report.applied += 1
        for i in hits:
            quote = current[i]
            speaker = replace(quote.speaker, gender=fix.value, gender_evidence="corrected")
            current[i] = replace(quote, speaker=speaker, corrected=_mark(quote, "gender"))
    report.changed_quotes = sum(1 for q in current if q.corrected)
    return current


# -- actions --------------------------------------------------------------------


def _merge(quotes: list[Quote], fix: Correction, report: CorrectionReport) -> list[Quote]:
    keep = _find_speaker(quotes, fix.value)
    if keep is None:
        report.miss(fix, f"no speaker {fix.value!r} to merge into")
        return quotes
    if not any(_is_speaker(q.speaker, fix.target) for q in quotes):
        report.miss(fix, "no speaker of that name or id")
        return quotes
    return [_respeak(q, keep) if _is_speaker(q.speaker, fix.target) else q for q in quotes]


def _split(quotes: list[Quote], fix: Correction, report: CorrectionReport) -> list[Quote]:
    wanted = {t.strip() for t in fix.target.split(";") if t.strip()}
    found = {q.quote_id for q in quotes} & wanted
    for missing in sorted(wanted - found):
        report.miss(replace(fix, target=missing), "no quote with that id")
    if not found:
        return quotes
    out = []
    for quote in quotes:
        if quote.quote_id in found:
            kind = quote.speaker.kind if quote.speaker.kind is not SpeakerKind.UNKNOWN else SpeakerKind.PERSON
            quote = _respeak(quote, Speaker(fix.value, entity_id=make_entity_id(kind, fix.value), kind=kind))
        out.append(quote)
    return out


def _reassign(quotes: list[Quote], fix: Correction, report: CorrectionReport) -> list[Quote]:
    if not any(q.quote_id == fix.target for q in quotes):
        report.miss(fix, "no quote with that id")
        return quotes
    speaker = _find_speaker(quotes, fix.value)
    if speaker is None:
        speaker = Speaker(fix.value, entity_id=make_entity_id(SpeakerKind.PERSON, fix.value), kind=SpeakerKind.PERSON)
    return [_respeak(q, speaker) if q.quote_id == fix.target else q for q in quotes]


def _not_quote(quotes: list[Quote], fix: Correction, report: CorrectionReport) -> list[Quote]:
    kept = [q for q in quotes if q.quote_id != fix.target]
    if len(kept) == len(quotes):
        report.miss(fix, "no quote with that id")
    else:
        report.removed.append(fix.target)
    return kept


def _respeak(quote: Quote, speaker: Speaker) -> Quote:
    """``quote`` spoken by ``speaker``; the old mention no longer names them, so it goes."""
    new = replace(speaker, mention=None, resolution=Resolution.UNKNOWN, gender=None, gender_evidence=None)
    return replace(quote, speaker=new, corrected=_mark(quote, "speaker"))


def _mark(quote: Quote, what: str) -> tuple[str, ...]:
    return quote.corrected if what in quote.corrected else (*quote.corrected, what)


def _find_speaker(quotes: Iterable[Quote], name: str) -> Speaker | None:
    return next((q.speaker for q in quotes if _is_speaker(q.speaker, name)), None)


def _is_speaker(speaker: Speaker, name: str) -> bool:
    if not speaker.is_known:
        return False
    wanted = name.strip().casefold()
    return wanted in (speaker.name.casefold(), (speaker.entity_id or "").casefold())


# -- reading ----------------------------------------------------------------------


def _yaml_records(path: Path) -> list[tuple[int, Any]]:
    import yaml

    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        raise InputFormatError(str(path), f"not YAML ({getattr(error, 'problem', error)})",
                               line=mark.line + 1 if mark else None) from None
    if data is None:
        return []
    if isinstance(data, dict) and "corrections" in data:
        data = data["corrections"]
    if not isinstance(data, list):
        raise InputFormatError(str(path), "expected a list of corrections (action, target, value)")
    return [(number, item) for number, item in enumerate(data, start=1)]


def _csv_records(handle: Any, where: str) -> Iterable[tuple[int, dict[str, str]]]:
    reader = csv.DictReader(handle)
    names = [n.strip().lower() for n in reader.fieldnames or []]
    if "action" not in names or "target" not in names:
        reason = f"needs the columns action,target,value (has: {', '.join(names) or 'none'})"
        raise InputFormatError(where, reason, line=1)
    for row in reader:
        if any((v or "").strip() for v in row.values() if isinstance(v, str)):
            yield reader.line_num, {k.strip().lower(): (v or "") for k, v in row.items() if k}


def _check(path: Path, line: int, record: Any) -> Correction:
    yaml_file = path.suffix.lower() in (".yaml", ".yml")
    where = f"{path} item {line}" if yaml_file else f"{path}:{line}"
    item, line_no = (f"item {line}: ", None) if yaml_file else ("", line)

    def bad(reason: str) -> InputFormatError:
        return InputFormatError(str(path), item + reason, line=line_no)

    if not isinstance(record, dict):
        raise bad("a correction is a mapping of action, target, value")
    action = str(record.get("action") or "").strip().lower().replace("-", "_").replace(" ", "_")
    target = record.get("target")
    target = ";".join(str(t) for t in target) if isinstance(target, list) else str(target or "").strip()
    value = str(record.get("value") if record.get("value") is not None else "").strip()
    if action not in ACTIONS:
        raise bad(f"unknown action {action!r}; choose from {', '.join(ACTIONS)}")
    if not target:
        raise bad(f"{action} has no target")
    if action == "gender" and value.lower() not in GENDERS:
        raise bad(f"gender {value!r}; choose from {', '.join(GENDERS)}")
    if action in ("merge", "split", "reassign") and not value:
        raise bad(f"{action} needs a value (a speaker)")
    return Correction(action, target, value.lower() if action == "gender" else value, where)
