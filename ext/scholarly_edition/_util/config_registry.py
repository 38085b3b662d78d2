"""Where a feature adds its configuration values: a Sphinx application, or the
edition tools' reader of ``conf.py``, so that both know the same names and defaults."""

from __future__ import annotations

from typing import Any, Protocol


class ConfigRegistry(Protocol):
    def add_config_value(
        self, name: str, default: Any, rebuild: Any, types: Any = ..., description: str = ...
    ) -> None: ...
