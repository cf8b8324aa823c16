"""The kiosk's contact with the operating system: where it keeps its state,
one kiosk at a time, systemd's notifications and unit, logs, and the last
config that loaded well. Standard library and platformdirs only: no Qt, no YAML."""
