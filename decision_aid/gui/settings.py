"""The one place that reads and writes QSettings."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings

ORGANISATION = "decision-aid"
APPLICATION = "decision-aid"
DEFAULT_POINT_SIZE = 12.0
MIN_POINT_SIZE = 8.0
MAX_POINT_SIZE = 32.0
ORDERS = ("table", "alphabetical")


class Settings:
    """Typed access to what the window remembers between runs.

    Parameters
    ----------
    store
        The QSettings to use; tests pass an INI file in a temporary folder.
    """

    def __init__(self, store: QSettings | None = None) -> None:
        self.store = store if store is not None else QSettings()

    def _get(self, key: str, default, kind):
        value = self.store.value(key, default)
        try:
            return kind(value) if value is not None else default
        except (TypeError, ValueError):
            return default

    # text size -----------------------------------------------------------------
    def point_size(self) -> float:
        size = self._get("view/point_size", DEFAULT_POINT_SIZE, float)
        return min(MAX_POINT_SIZE, max(MIN_POINT_SIZE, size))

    def set_point_size(self, size: float) -> None:
        self.store.setValue("view/point_size", float(size))

    # theme -----------------------------------------------------------------------
    def high_contrast(self) -> bool:
        return str(self.store.value("view/high_contrast", "false")).lower() in ("true", "1")

    def set_high_contrast(self, on: bool) -> None:
        self.store.setValue("view/high_contrast", bool(on))

    # layer -------------------------------------------------------------------------
    def layer(self) -> str:
        value = str(self.store.value("view/layer", "patient"))
        return value if value in ("patient", "clinician") else "patient"

    def set_layer(self, layer: str) -> None:
        self.store.setValue("view/layer", layer)

    # options order -------------------------------------------------------------------
    def order(self) -> str:
        value = str(self.store.value("view/order", "table"))
        return value if value in ORDERS else "table"

    def set_order(self, order: str) -> None:
        self.store.setValue("view/order", order)

    # languages -------------------------------------------------------------------------
    def language(self) -> str:
        """The window's language chosen in View > Language ("" while none is: the system's)."""
        return str(self.store.value("view/language", "") or "")

    def set_language(self, lang: str) -> None:
        self.store.setValue("view/language", lang)

    def patient_language(self) -> str:
        """The patient screen's language ("" while none is chosen: the window's)."""
        return str(self.store.value("view/patient_language", "") or "")

    def set_patient_language(self, lang: str) -> None:
        self.store.setValue("view/patient_language", lang)

    # table folder -----------------------------------------------------------------------
    def last_folder(self) -> Path | None:
        value = self.store.value("data/last_folder", "")
        return Path(str(value)) if value else None

    def set_last_folder(self, folder: Path | None) -> None:
        self.store.setValue("data/last_folder", "" if folder is None else str(folder))

    # consultation files ---------------------------------------------------------------------
    def recent_files(self) -> list[str]:
        value = self.store.value("record/recent", [])
        if isinstance(value, str):  # an INI file gives back a one-item list as a string
            value = [value] if value else []
        return [str(v) for v in (value or []) if str(v)]

    def set_recent_files(self, paths: list[str]) -> None:
        self.store.setValue("record/recent", list(paths))

    # window layout --------------------------------------------------------------------------
    def set_geometry(self, value: QByteArray) -> None:
        """Remember the main window's geometry."""
        self.store.setValue("window/geometry", value)

    def geometry(self) -> QByteArray | None:
        value = self.store.value("window/geometry")
        return value if isinstance(value, QByteArray) and not value.isEmpty() else None

    def window_state(self, name: str) -> QByteArray | None:
        value = self.store.value(f"window/{name}")
        return value if isinstance(value, QByteArray) and not value.isEmpty() else None

    def set_window_state(self, name: str, value: QByteArray) -> None:
        self.store.setValue(f"window/{name}", value)

    def sync(self) -> None:
        self.store.sync()
