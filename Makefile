# Two commands do everything on a fresh Debian or Ubuntu machine:
#   make run    set up, then show the kiosk full-screen on config/kiosk.yaml
#   make test   set up, then run the whole test suite
# Also: make check (the staff's files), make preview (PNGs in preview/),
# make soak (10,000 random taps, swipes and keys; prints the memory growth).

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
CONFIG ?= config/kiosk.yaml

.PHONY: run test check preview setup bytecode system-libs test-tools clean soak

$(STAMP): pyproject.toml constraints.txt
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || \
		{ echo "The kiosk needs Python 3.11 or newer; $(PYTHON) is older." >&2; exit 1; }
	@$(PYTHON) -c 'import ensurepip, venv' 2>/dev/null || sh scripts/need-debian-packages.sh python3-venv
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c constraints.txt -e '.[test]'
	@touch $(STAMP)

# Byte-compiled ahead, as pip does for a normal (not -e) install: a start then
# does not compile the kiosk's modules (50 ms) when Python may not write them
# itself (PYTHONDONTWRITEBYTECODE, a read-only folder). Quick when up to date.
bytecode: $(STAMP)
	@$(BIN)/python -m compileall -q kiosk

setup: $(STAMP) bytecode

# Libraries Qt needs (its X11 plugin, and EGL, fontconfig... for any
# rendering, offscreen too) that a fresh machine lacks.
system-libs: $(STAMP)
	@sh scripts/need-debian-packages.sh $$($(BIN)/kiosk system-packages)

# An X server, a window manager and the tools that poke at them, for the
# tests that try to get out of the kiosk's real window (tests/test_lockdown_x11.py);
# chromium and libx11-6 (its screen grab) for `kiosk bench --display` (tests/test_bench.py);
# systemd-analyze to judge the unit, and cage, Xwayland, grim and bubblewrap to
# run the kiosk as the kiosk PC does, from Debian's python3 (tests/test_cage.py).
test-tools:
	@sh scripts/need-debian-packages.sh xvfb xauth openbox xdotool wmctrl x11-utils \
		systemd cage xwayland grim bubblewrap python3-venv chromium libx11-6

run: setup system-libs
	$(BIN)/kiosk run --config $(CONFIG)

test: setup system-libs test-tools
	$(BIN)/python -m pytest

check: setup
	$(BIN)/kiosk check --config $(CONFIG)

preview: setup
	$(BIN)/kiosk preview --config $(CONFIG) --out preview

# The monkey test (tests/ui/test_monkey.py) at 10,000 events instead of the
# 2,000 of `make test`; KIOSK_MONKEY_SEED=N picks another random sequence.
soak: setup system-libs
	KIOSK_MONKEY_EVENTS=10000 $(BIN)/python -m pytest tests/ui/test_monkey.py -s -q

clean:
	rm -rf $(VENV) preview .pytest_cache .hypothesis
