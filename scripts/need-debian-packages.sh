#!/bin/sh
# Usage: need-debian-packages.sh PACKAGE...
# Installs the Debian packages that are missing, when this user can (root, or
# sudo without a password); otherwise prints the exact command and fails.
set -eu
missing=""
for package in "$@"; do
    status=$(dpkg-query -W -f='${Status}' "$package" 2>/dev/null || true)
    case "$status" in
        *" installed") ;;
        *) missing="$missing $package" ;;
    esac
done
[ -z "$missing" ] && exit 0

if ! command -v apt-get >/dev/null 2>&1; then
    echo "Missing system packages:$missing (install their equivalents for your system)." >&2
    exit 1
fi
if [ "$(id -u)" -eq 0 ]; then
    sudo=""
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    sudo="sudo"
else
    echo "Some system packages are missing. Install them, then run the command again:" >&2
    echo "    sudo apt-get install -y$missing" >&2
    exit 1
fi
echo "Installing system packages:$missing"
# Refresh the package lists once if they were never fetched on this machine.
if [ -z "$(ls -A /var/lib/apt/lists 2>/dev/null | grep -v -e lock -e partial)" ]; then
    $sudo apt-get update -qq
fi
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq $missing >/dev/null
