# Two commands do everything on a fresh Debian or Ubuntu machine:
#   make run    set up, then show the kiosk full-screen on config/kiosk.yaml
#   make test   set up, then run the whole test suite
# Also: make test-fast (the tests that take under a minute in all), make lint (ruff),
# make check (the staff's files), make preview (PNGs in preview/),
# make soak (10,000 random taps, swipes and keys; prints the memory growth),
# make faults (the kiosk killed 100 times, sick disks and clocks; prints the times to the screen).

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
TEST_STAMP := $(VENV)/.test-installed
SETUP_LOG := $(VENV)/setup.log
CONFIG ?= config/kiosk.yaml

.PHONY: run test test-fast lint check preview setup bytecode system-libs test-tools clean soak faults

# The kiosk program alone (what run, check and preview need), installed
# quietly: the installer's output goes to $(SETUP_LOG), shown only on failure.
$(STAMP): pyproject.toml constraints.txt
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || \
		{ echo "The kiosk needs Python 3.11 or newer; $(PYTHON) is older." >&2; exit 1; }
	@$(PYTHON) -c 'import ensurepip, venv' 2>/dev/null || sh scripts/need-debian-packages.sh python3-venv
	@printf 'Setting up the kiosk program (first time only, a few minutes)...'
	@$(PYTHON) -m venv $(VENV) && echo "$$(date): setting up the kiosk program" > $(SETUP_LOG) && \
		$(BIN)/python -m pip install --upgrade pip >> $(SETUP_LOG) 2>&1 && \
		$(BIN)/python -m pip install -c constraints.txt -e . >> $(SETUP_LOG) 2>&1 || \
		{ echo " failed." >&2; tail -n 20 $(SETUP_LOG) >&2; \
		  echo "The whole log is in $(SETUP_LOG)." >&2; exit 1; }
	@echo " done"
	@touch $(STAMP)

# The test tools (pytest, hypothesis, ...), for `make test` only.
$(TEST_STAMP): $(STAMP)
	@printf 'Setting up the test tools...'
	@$(BIN)/python -m pip install -c constraints.txt -e '.[test]' >> $(SETUP_LOG) 2>&1 || \
		{ echo " failed." >&2; tail -n 20 $(SETUP_LOG) >&2; \
		  echo "The whole log is in $(SETUP_LOG)." >&2; exit 1; }
	@echo " done"
	@touch $(TEST_STAMP)

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
# run the kiosk as the kiosk PC does, from Debian's python3, and wlr-randr, which
# that cage must refuse (tests/test_cage.py);
# libfaketime for the fault suite's wrong clock (tests/test_faults.py);
# the Wayland client libraries Qt's Wayland plugin (in the PySide6 wheel) loads, for
# kiosk bench --display under cage (tests/test_bench.py).
test-tools:
	@sh scripts/need-debian-packages.sh xvfb xauth openbox xdotool wmctrl x11-utils \
		systemd cage xwayland grim bubblewrap wlr-randr python3-venv faketime chromium libx11-6 \
		libwayland-client0 libwayland-cursor0 libwayland-egl1 libxkbcommon0

run: setup system-libs
	$(BIN)/kiosk run --config $(CONFIG)

test: setup $(TEST_STAMP) system-libs test-tools lint
	$(BIN)/python -m pytest

# What a change can be checked with in under a minute: no real display server,
# no kiosk in a process of its own, nothing marked slow (pyproject.toml). Its
# unit tests still ask systemd-analyze: test-tools installs it (once).
test-fast: setup $(TEST_STAMP) system-libs test-tools
	$(BIN)/python -m pytest -m "not slow and not x11 and not process"

# The linters: ruff with the rules in pyproject.toml, and qmllint (lint-qml).
lint: $(TEST_STAMP) lint-qml
	$(BIN)/ruff check .

check: setup
	@$(BIN)/kiosk check --config $(CONFIG)

preview: setup system-libs
	@$(BIN)/kiosk preview --config $(CONFIG) --out preview

# pyside6-qmllint on kiosk/qml/Kiosk, with the Python types it binds to
# (kiosk/tools/qml_lint.py); part of `make lint`, and a test (tests/test_qml_lint.py).
.PHONY: lint-qml
lint-qml: setup
	@$(BIN)/python -m kiosk.tools.qml_lint

# The monkey test (tests/ui/test_monkey.py) at 10,000 events instead of the
# 2,000 of `make test`; KIOSK_MONKEY_SEED=N picks another random sequence.
soak: setup $(TEST_STAMP) system-libs
	KIOSK_MONKEY_EVENTS=10000 $(BIN)/python -m pytest tests/ui/test_monkey.py -s -q

# The fault suite (tests/test_faults.py) at full strength: 100 kills at random
# moments of starts and reloads instead of the 10 of `make test`, and a start
# after each file of the state folder was cut short (one in `make test`).
# Needs root (its sick disks are mount namespaces); KIOSK_FAULT_SEED=N picks other moments.
faults: setup $(TEST_STAMP) system-libs test-tools
	KIOSK_FAULTS=full KIOSK_FAULT_KILLS=100 $(BIN)/python -m pytest tests/test_faults.py -s -q

clean:
	rm -rf $(VENV) preview .pytest_cache .hypothesis
