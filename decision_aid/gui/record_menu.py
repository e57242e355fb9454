"""The consultation's entries in the File menu, and the list of recent consultations."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu

from ..core.i18n import ENGLISH, Translator
from .settings import Settings
from .widgets import tooltip_html

#: Most files listed under File > Open recent.
MAX_RECENT = 8


class RecentFiles:
    """The File > Open recent list, kept by :class:`Settings` (or in memory when there is none)."""

    def __init__(self, settings: Settings | None) -> None:
        self._settings = settings
        self._memory: list[str] = []

    def paths(self) -> list[str]:
        paths = self._memory if self._settings is None else self._settings.recent_files()
        return list(paths)[:MAX_RECENT]

    def _store(self, paths: list[str]) -> None:
        paths = paths[:MAX_RECENT]
        if self._settings is None:
            self._memory = paths
        else:
            self._settings.set_recent_files(paths)

    def add(self, path: Path) -> None:
        text = str(path)
        self._store([text] + [p for p in self.paths() if p != text])

    def remove(self, path: Path | str) -> None:
        self._store([p for p in self.paths() if p != str(path)])

    def clear(self) -> None:
        self._store([])


def insertion_point(menu: QMenu) -> QAction | None:
    """The menu's Quit action (or the separator just above it), else None to append."""
    actions = menu.actions()
    quit_keys = [k for k in QKeySequence.keyBindings(QKeySequence.StandardKey.Quit) if not k.isEmpty()]
    for index, action in enumerate(actions):
        words = action.text().replace("&", "").strip().lower()
        if action.menuRole() == QAction.MenuRole.QuitRole or words.startswith(("quit", "exit")) \
                or (not action.shortcut().isEmpty() and action.shortcut() in quit_keys):
            if index > 0 and actions[index - 1].isSeparator():
                return actions[index - 1]
            return action
    return None


def insert_block(menu: QMenu, before: QAction | None, items: list[QAction | QMenu | None]) -> None:
    """Put ``items`` (None: a separator) into ``menu`` before ``before``, or at the end.

    No second separator goes below the block when ``before`` is one, and a
    separator goes above a block appended to a menu that has entries.
    """
    items = list(items)
    if items and items[-1] is None and (before is None or before.isSeparator()):
        items.pop()
    if before is None and menu.actions():
        items.insert(0, None)
    for item in items:
        if before is None:
            if item is None:
                menu.addSeparator()
            elif isinstance(item, QMenu):
                menu.addMenu(item)
            else:
                menu.addAction(item)
        elif item is None:
            menu.insertSeparator(before)
        elif isinstance(item, QMenu):
            menu.insertMenu(before, item)
        else:
            menu.insertAction(before, item)


def fill_recent_menu(menu: QMenu, paths: list[str], on_open, on_clear, tr: Translator = ENGLISH) -> None:
    """List ``paths`` in ``menu`` (numbered, missing ones greyed) with a "Clear list" entry, in ``tr``'s language."""
    menu.clear()
    if not paths:
        empty = menu.addAction(tr.gettext("No recent consultations"))
        empty.setEnabled(False)
    for number, text in enumerate(paths, start=1):
        path = Path(text)
        label = path.name.replace("&", "&&")
        exists = path.is_file()
        entry = f"&{number} {label}"
        action = menu.addAction(entry if exists else tr.gettext("{file} (not found)").format(file=entry))
        action.setStatusTip(text)
        action.setToolTip(tooltip_html(text))
        action.setData(text)
        action.setEnabled(exists)
        action.triggered.connect(lambda _checked=False, p=text: on_open(p))
    if paths:
        menu.addSeparator()
        clear = menu.addAction(tr.gettext("Clear list"))
        clear.triggered.connect(on_clear)
    menu.setEnabled(True)
