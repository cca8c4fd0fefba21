"""The quote a whole line gives its named source: posts, transcript turns, headlines.

Those three readers find a claim, the name that makes it and the mark between
them (a dash, a colon, "says") on plain text; this builds the one `Quote`
they all yield, with the name as the speaker's own mention.
"""

from __future__ import annotations

from quotegraph.model import Quote, QuoteKind, Resolution, Speaker, TextSpan

__all__ = ["named_line_quote"]


def named_line_quote(content: TextSpan, mention: TextSpan, cue: TextSpan, kind: QuoteKind) -> Quote:
    """A quote of ``content`` by the name at ``mention``, reported by ``cue``.

    >>> text = "PETROV: The bridge is safe."
    >>> q = named_line_quote(TextSpan.of(text, 8, 27), TextSpan.of(text, 0, 6), TextSpan.of(text, 6, 7),
    ...                      QuoteKind.DIRECT)
    >>> q.text, q.speaker.name, q.cue.text
    ('The bridge is safe.', 'PETROV', ':')
    """
    return Quote(
        doc_id="",
        quote_id="",
        text=content.text,
        start=content.start,
        end=content.end,
        type=kind,
        speaker=Speaker(name=mention.text, mention=mention, resolution=Resolution.SUBJECT),
        cue=cue,
    )
