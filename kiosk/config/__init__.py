"""Read and check the staff's config files (kiosk.yaml, texts.yaml, people.yaml).

    from kiosk.config import load_config, ConfigError
    try:
        loaded = load_config(Path("config/kiosk.yaml"))
    except ConfigError as error:
        print(error)            # one "FILE:LINE: field: message" per line
    else:
        loaded.config           # kiosk.core.model.KioskConfig
        loaded.warnings         # Problems worth fixing, but not fatal

Field paths in problems are described in kiosk.config.problems. No Qt here.
"""

from typing import TYPE_CHECKING

from .problems import ConfigError, Problem

if TYPE_CHECKING:
    from .loader import LoadedConfig, load_config

__all__ = ["ConfigError", "LoadedConfig", "Problem", "load_config"]


def __getattr__(name: str):
    # The checker (PyYAML, the schema) loads on first use, not with the
    # package: a kiosk starting on remembered settings imports only
    # kiosk.config.portrait_fit, for the frame sizes (docs/performance.md).
    if name in ("LoadedConfig", "load_config"):
        from . import loader

        return getattr(loader, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
