"""The objects the QML binds to: the kiosk's state and its watchers (idle,
burn-in, sleep, input, staff), portraits, QR images and visit counts. The
program around them lives in kiosk/ui/shell/."""
