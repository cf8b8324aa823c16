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

from .loader import LoadedConfig, load_config
from .problems import ConfigError, Problem

__all__ = ["ConfigError", "LoadedConfig", "Problem", "load_config"]
