"""The kiosk as a program: start-up (launcher), the supervisor that keeps
the window showing good content, the QML engine (app), and what guards the
screen from the outside (lockdown, offline, system, config watch, health)."""
