"""The Spanish catalogue's English sentences, for tests that look for English left in a Spanish screen or report.

Imported by the core's and the window's tests (``tests/`` is on the path through its conftest).
"""

from __future__ import annotations

import functools
import re

from babel.messages.pofile import read_po

from decision_aid.core.i18n import LOCALE_DIR

#: A sentence after its place (``options.csv:3:sources: ...``) or an audit item's label and id.
_PLACE = re.compile(r"^[^\s:]+\.csv:(?:\d+|-):[^\s:]+: (.*)$")
_ITEM = re.compile(r"^\[[^\]]+\]\s+\S+\s+(.*)$")


@functools.cache
def _translated() -> tuple[tuple[tuple[str, ...], tuple[str, ...]], ...]:
    with (LOCALE_DIR / "es" / "LC_MESSAGES" / "decision_aid.po").open("rb") as file:
        catalogue = read_po(file)
    out = []
    for message in catalogue:
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if ids[0] and all(strings) and set(strings) != set(ids):      # Spanish that differs from the English
            out.append((ids, strings))
    return tuple(out)


def english_sentences() -> dict[str, str]:
    """Every English sentence without placeholders whose Spanish differs, with its Spanish."""
    return {msgid: strings[min(k, len(strings) - 1)] for ids, strings in _translated()
            for k, msgid in enumerate(ids) if "{" not in msgid}


def english_templates() -> list[tuple[str, re.Pattern]]:
    """Every English template with placeholders and two words of its own or more, as a pattern of a whole line."""
    found = []
    for ids, _strings in _translated():
        for msgid in ids:
            if "{" in msgid and len(re.findall(r"[A-Za-z]{3,}", re.sub(r"\{[^}]*\}", "", msgid))) >= 2:
                parts = re.split(r"\{[^}]*\}", msgid)
                found.append((msgid, re.compile(".+?".join(re.escape(part) for part in parts), re.S)))
    return found


def segments(text: str) -> list[str]:
    """Each sentence of a report on its own: a detail after its place, an item's title after its label and id."""
    out = []
    for line in text.splitlines():
        line = " ".join(line.split())
        if not line:
            continue
        place, item = _PLACE.match(line), _ITEM.match(line)
        out.append(place.group(1) if place else item.group(1) if item else line)
    return out


def english_left(text: str, sentences=None, templates=None) -> set[str]:
    """The English sentences of the catalogue (or filled English templates) ``text`` still says."""
    sentences = english_sentences() if sentences is None else sentences
    templates = english_templates() if templates is None else templates
    left = set()
    for segment in segments(text):
        if segment in sentences:
            left.add(segment)
        left.update(msgid for msgid, pattern in templates if pattern.fullmatch(segment))
    return left
