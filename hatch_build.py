"""Wheel build hook: compile the message catalogs (.po -> .mo) into the wheel.

The source tree reads the .po files directly (linter.core.i18n), so nothing compiled is kept
in git; an installed wheel reads the compiled catalogs, which load faster.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface


class CatalogBuildHook(BuildHookInterface):  # type: ignore[misc]
    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        from babel.messages.mofile import write_mo
        from babel.messages.pofile import read_po

        root = Path(self.root)
        out = Path(tempfile.mkdtemp(prefix="playbook-catalogs-"))
        for po in sorted((root / "linter" / "locale").glob("*/LC_MESSAGES/*.po")):
            with open(po, "rb") as handle:
                catalog = read_po(handle, locale=po.parent.parent.name)
            mo = out / po.relative_to(root).with_suffix(".mo")
            mo.parent.mkdir(parents=True, exist_ok=True)
            with open(mo, "wb") as handle:
                write_mo(handle, catalog)
            build_data["force_include"][str(mo)] = str(po.relative_to(root).with_suffix(".mo"))
        print(f"compiled message catalogs into {out}", file=sys.stderr)
