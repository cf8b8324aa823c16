"""The staff PIN's hash and the PIN pad's lock."""

from __future__ import annotations

import base64
import hashlib
import json
import re

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from kiosk.core import pin as pin_module
from kiosk.core.pin import (
    ACCEPTED,
    LOCKED,
    MAX_LOCKOUT_S,
    REJECTED,
    LockRecord,
    PinGate,
    hash_pin,
    hash_problem,
    new_pin_problem,
    pin_problem,
    verify_pin,
)

SALT = bytes(range(16))
# Made independently of Python, so the format and costs are pinned down:
#   openssl kdf -keylen 32 -kdfopt pass:2468 -kdfopt hexsalt:000102030405060708090a0b0c0d0e0f
#               -kdfopt n:16384 -kdfopt r:8 -kdfopt p:1 SCRYPT
KNOWN_HASH = "scrypt$16384$8$1$AAECAwQFBgcICQoLDA0ODw$zqTxOQ9-JdPlblLqzTpgLMM2UTmilg_97SVoXbGeuf8"


def b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def cheap_hash(pin: str, n: int = 2**10, r: int = 1, p: int = 1) -> str:
    """A hash in the stored format with other (cheaper) costs, made without hash_pin."""
    digest = hashlib.scrypt(pin.encode(), salt=SALT, n=n, r=r, p=p, dklen=32)
    return f"scrypt${n}${r}${p}${b64(SALT)}${b64(digest)}"


# --------------------------------------------------------------------------
# PINs


@pytest.mark.parametrize("pin", ["0000", "2468", "123456789012", "00001"])
def test_good_pins(pin):
    assert pin_problem(pin) is None


@pytest.mark.parametrize(
    "pin",
    ["", "123", "1234567890123", "12a4", "12 34", " 1234", "1234\n", "-1234", "+1234", "١٢٣٤", "１２３４", "12.4"],
)
def test_bad_pins(pin):
    assert pin_problem(pin) == "a PIN must be 4 to 12 digits, only 0-9"


# --------------------------------------------------------------------------
# Hashing


def test_hash_matches_an_independent_scrypt():
    assert hash_pin("2468", salt=SALT) == KNOWN_HASH


def test_hash_has_the_documented_parts():
    scheme, n, r, p, salt, digest = hash_pin("2468").split("$")
    assert (scheme, n, r, p) == ("scrypt", "16384", "8", "1")
    assert len(base64.urlsafe_b64decode(salt + "==")) == 16
    assert len(base64.urlsafe_b64decode(digest + "=")) == 32


def test_each_hash_gets_a_fresh_salt():
    first, second = hash_pin("2468"), hash_pin("2468")
    assert first.split("$")[4] != second.split("$")[4]
    assert verify_pin("2468", first) and verify_pin("2468", second)


def test_bad_pin_is_not_hashed():
    with pytest.raises(ValueError, match="4 to 12 digits"):
        hash_pin("12", salt=SALT)


def test_short_salt_is_refused():
    with pytest.raises(ValueError, match="at least 16 bytes"):
        hash_pin("2468", salt=b"salt")


@settings(max_examples=200, deadline=None)
@given(salt=st.binary(min_size=16, max_size=16), digest=st.binary(min_size=32, max_size=32))
def test_stored_form_survives_yaml_unquoted(salt, digest):
    # Every salt and hash, including ones whose base64 starts with '-' or '_'.
    line = f"scrypt$16384$8$1${b64(salt)}${b64(digest)}"
    assert re.fullmatch(r"[A-Za-z0-9$_-]+", line)
    assert yaml.safe_load(f"pin_hash: {line}\n") == {"pin_hash": line}
    assert hash_problem(line) is None


# --------------------------------------------------------------------------
# Verifying


def test_verify_right_and_wrong_pin():
    assert verify_pin("2468", KNOWN_HASH)
    assert not verify_pin("2469", KNOWN_HASH)
    assert not verify_pin("02468", KNOWN_HASH)


def test_verify_uses_the_costs_written_in_the_hash():
    stored = cheap_hash("1357", n=2**11, r=2, p=3)
    assert verify_pin("1357", stored)
    assert not verify_pin("1358", stored)


def test_verify_says_no_to_a_malformed_pin_without_raising():
    assert not verify_pin("24 68", KNOWN_HASH)
    assert not verify_pin("", KNOWN_HASH)


def test_verify_refuses_a_malformed_hash():
    with pytest.raises(ValueError, match="kiosk hash-pin"):
        verify_pin("2468", KNOWN_HASH.replace("scrypt", "bcrypt"))


# --------------------------------------------------------------------------
# Malformed hashes: each message names the problem and what to do


def with_part(index: int, value: str) -> str:
    parts = KNOWN_HASH.split("$")
    parts[index] = value
    return "$".join(parts)


def with_costs(n: int, r: int, p: int) -> str:
    return KNOWN_HASH.replace("$16384$8$1$", f"${n}${r}${p}$")


@pytest.mark.parametrize(
    ("stored", "problem"),
    [
        ("", "must start with 'scrypt$'"),
        ("2468", "must start with 'scrypt$'"),
        (" " + KNOWN_HASH, "must start with 'scrypt$'"),
        (KNOWN_HASH.replace("scrypt", "bcrypt"), "must start with 'scrypt$'"),
        ("scrypt", "6 parts"),
        (KNOWN_HASH.rsplit("$", 1)[0], "6 parts"),
        (KNOWN_HASH + "$", "6 parts"),
        (with_part(1, "3000"), "which is not a power of two"),
        (with_part(1, "512"), "cost n of '512', which must be a whole number from 1024 to 1048576"),
        (with_part(1, str(2**21)), "from 1024 to 1048576"),
        (with_part(1, "abc"), "cost n of 'abc'"),
        (with_part(1, "+16384"), "cost n of '+16384'"),
        (with_part(1, "16_384"), "cost n of '16_384'"),
        (with_part(1, "016384"), "cost n of '016384'"),
        (with_part(1, "9" * 400), "whole number from 1024"),
        (with_part(2, "0"), "cost r of '0', which must be a whole number from 1 to 32"),
        (with_part(2, "33"), "cost r of '33'"),
        (with_part(2, " 8"), "cost r of ' 8'"),
        (with_part(3, "0"), "cost p of '0', which must be a whole number from 1 to 16"),
        (with_part(3, "17"), "cost p of '17'"),
        (with_costs(2**20, 8, 1), "more scrypt work"),
        (with_costs(2**14, 16, 16), "more scrypt work"),
        (with_costs(2**14, 8, 17), "cost p of '17'"),
        (with_part(4, ""), "damaged salt part"),
        (with_part(4, "AAECAwQFBgcICQoLDA0ODw=="), "damaged salt part"),
        (with_part(4, "AAECAwQF+gcICQoLDA0ODw"), "damaged salt part"),
        (with_part(4, "AAECAwQFBgcICQoLDA0ODx"), "damaged salt part"),  # leftover bits set
        (with_part(4, "AAECAwQFBgcICQoLDA0OD"), "damaged salt part"),  # one character cut off
        (with_part(4, "AAECAwQFBgcICQoL"), "salt shorter than 16 bytes"),
        (with_part(5, ""), "damaged hash part"),
        (with_part(5, "zqTxOQ9-JdPlblLqzTpgLMM2UTmilg_97SVoXbGeuf8 "), "damaged hash part"),
        (with_part(5, "zqTxOQ9-JdPlblLqzTpgLMM2UTmilg_97SVoXbGe"), "hash of 30 bytes instead of 32"),
    ],
)
def test_malformed_hash_messages(stored, problem):
    message = hash_problem(stored)
    assert message is not None and problem in message
    assert message.endswith("paste the whole line printed by `kiosk hash-pin`")


def test_wellformed_hash_has_no_problem():
    assert hash_problem(KNOWN_HASH) is None
    # The most work allowed, reached three ways.
    assert hash_problem(with_costs(2**20, 2, 1)) is None
    assert hash_problem(with_costs(2**14, 8, 16)) is None
    assert hash_problem(with_costs(2**10, 32, 16)) is None


@st.composite
def near_hashes(draw) -> str:
    """A stored hash with up to three of its parts replaced by numbers, base64 or any text."""
    parts = KNOWN_HASH.split("$")
    replacement = st.one_of(st.integers(-1, 2**22).map(str), st.binary(max_size=40).map(b64), st.text(max_size=20))
    for index in draw(st.sets(st.integers(0, 5), max_size=3)):
        parts[index] = draw(replacement)
    return "$".join(parts)


@pytest.mark.slow
@settings(max_examples=1000, deadline=None)
@given(st.one_of(st.text(), near_hashes()))
def test_any_text_gets_a_message_or_none_never_an_exception(text):
    problem = hash_problem(text)
    assert problem is None or "kiosk hash-pin" in problem


@pytest.mark.slow
@settings(max_examples=300, deadline=None)
@given(index=st.integers(0, len(KNOWN_HASH) - 1), char=st.characters())
def test_a_changed_character_never_verifies(index, char):
    changed = KNOWN_HASH[:index] + char + KNOWN_HASH[index + 1 :]
    if changed == KNOWN_HASH:
        return
    if hash_problem(changed) is None:
        # Still well-formed (a salt, hash or cheaper cost changed): the PIN no longer matches.
        assert not verify_pin("2468", changed)
    else:
        with pytest.raises(ValueError):
            verify_pin("2468", changed)


# --------------------------------------------------------------------------
# The PIN pad's lock

PIN = "2468"
WRONG = "1111"


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture(scope="module")
def stored() -> str:
    return cheap_hash(PIN)  # cheap, so many tries stay fast


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def gate(stored, clock) -> PinGate:
    return PinGate(stored, clock=clock)


def fail(gate: PinGate, times: int) -> list[str]:
    return [gate.try_pin(WRONG) for _ in range(times)]


def test_right_pin_is_accepted(gate):
    assert gate.try_pin(PIN) == ACCEPTED
    assert gate.attempts_left == 5 and gate.locked_for() == 0


def test_wrong_pins_count_down(gate):
    assert fail(gate, 4) == [REJECTED] * 4
    assert gate.attempts_left == 1
    assert gate.locked_for() == 0


def test_fifth_wrong_pin_locks_for_five_minutes(gate, clock):
    assert fail(gate, 5) == [REJECTED] * 5
    assert gate.locked_for() == 300
    assert gate.attempts_left == 0
    clock.now += 120
    assert gate.locked_for() == 180


def test_locked_gate_does_not_check_the_pin(gate, clock, monkeypatch):
    fail(gate, 5)
    checked = []
    monkeypatch.setattr(pin_module, "verify_pin", lambda *args: checked.append(args) or True)
    assert gate.try_pin(PIN) == LOCKED
    clock.now += 299.9
    assert gate.try_pin(PIN) == LOCKED
    assert checked == []


def test_lock_ends_after_its_time(gate, clock):
    fail(gate, 5)
    clock.now += 300
    assert gate.locked_for() == 0
    assert gate.attempts_left == 5
    assert gate.try_pin(PIN) == ACCEPTED


def test_tries_while_locked_do_not_count(gate, clock):
    fail(gate, 5)
    assert fail(gate, 20) == [LOCKED] * 20
    clock.now += 300
    assert gate.attempts_left == 5
    fail(gate, 5)
    assert gate.locked_for() == 600  # the second lock, not a twentieth


def test_each_lock_doubles(gate, clock):
    for lock in (300, 600, 1200, 2400):
        assert fail(gate, 4) == [REJECTED] * 4
        assert gate.locked_for() == 0
        assert gate.try_pin(WRONG) == REJECTED
        assert gate.locked_for() == lock
        clock.now += lock


def test_right_pin_resets_the_count(gate):
    fail(gate, 4)
    assert gate.try_pin(PIN) == ACCEPTED
    assert fail(gate, 4) == [REJECTED] * 4
    assert gate.attempts_left == 1 and gate.locked_for() == 0


def test_right_pin_resets_the_doubling(gate, clock):
    fail(gate, 5)
    clock.now += 300
    fail(gate, 5)
    clock.now += 600
    assert gate.try_pin(PIN) == ACCEPTED
    fail(gate, 5)
    assert gate.locked_for() == 300


def test_wrong_pins_after_a_lock_keep_doubling_without_a_right_pin(gate, clock):
    fail(gate, 5)
    clock.now += 10_000  # long after the lock ended: still the second lock next
    fail(gate, 5)
    assert gate.locked_for() == 600


def test_other_attempts_and_first_lockout(stored, clock):
    gate = PinGate(stored, clock=clock, attempts=3, first_lockout_s=60)
    assert fail(gate, 3) == [REJECTED] * 3
    assert gate.locked_for() == 60
    clock.now += 60
    assert gate.attempts_left == 3
    fail(gate, 3)
    assert gate.locked_for() == 120


def test_malformed_pin_counts_as_wrong(gate):
    assert gate.try_pin("12") == REJECTED
    assert gate.attempts_left == 4


def test_default_clock_is_monotonic(stored):
    gate = PinGate(stored, first_lockout_s=3600)
    fail(gate, 5)
    assert 3599 < gate.locked_for() <= 3600


def test_gate_refuses_a_malformed_hash(clock):
    with pytest.raises(ValueError, match="kiosk hash-pin"):
        PinGate("scrypt$1$2", clock=clock)


@pytest.mark.parametrize(
    ("options", "problem"), [({"attempts": 0}, "attempts"), ({"first_lockout_s": -1}, "first_lockout_s")]
)
def test_gate_refuses_bad_options(stored, clock, options, problem):
    with pytest.raises(ValueError, match=problem):
        PinGate(stored, clock=clock, **options)


# --------------------------------------------------------------------------
# The lock across a restart (the record kept in the state folder)


class FakeWall:
    """Wall-clock seconds, set by the test (no test depends on today's date)."""

    def __init__(self) -> None:
        self.now = 1_700_000_000.0

    def __call__(self) -> float:
        return self.now


def restart(gate: PinGate, stored: str, clock: FakeClock, wall: FakeWall, **options) -> PinGate:
    """A new gate from what the old one kept, in a new process: its monotonic clock starts elsewhere."""
    kept = LockRecord.from_plain(json.loads(json.dumps(gate.record().to_plain())))
    clock.now = 5.0
    return PinGate(stored, clock=clock, wall=wall, restored=kept, **options)


def test_a_lock_survives_a_restart(stored, clock):
    wall = FakeWall()
    gate = PinGate(stored, clock=clock, wall=wall)
    fail(gate, 5)
    clock.now += 100
    wall.now += 100
    gate = restart(gate, stored, clock, wall)
    assert gate.locked_for() == 200
    assert gate.try_pin(PIN) == LOCKED


def test_wrong_pins_and_the_doubling_survive_a_restart(stored, clock):
    wall = FakeWall()
    gate = PinGate(stored, clock=clock, wall=wall)
    fail(gate, 5)
    clock.now += 300
    wall.now += 300
    fail(gate, 3)
    gate = restart(gate, stored, clock, wall)
    assert gate.attempts_left == 2  # not five fresh tries
    fail(gate, 2)
    assert gate.locked_for() == 600  # the second lock


@pytest.mark.parametrize("jump_s", [-10 * 365 * 86400.0, -3600.0, 10 * 365 * 86400.0])
def test_a_clock_jump_between_runs_never_makes_a_lock_longer(stored, clock, jump_s):
    wall = FakeWall()
    gate = PinGate(stored, clock=clock, wall=wall)
    fail(gate, 5)
    wall.now += jump_s  # a dead clock battery, or a clock set right by NTP
    gate = restart(gate, stored, clock, wall)
    assert 0 <= gate.locked_for() <= 300


def test_no_lock_lasts_longer_than_a_day(stored, clock):
    gate = PinGate(stored, clock=clock)
    for _ in range(20):
        fail(gate, 5)
        assert gate.locked_for() <= MAX_LOCKOUT_S
        clock.now += gate.locked_for()
    fail(gate, 5)
    assert gate.locked_for() == MAX_LOCKOUT_S


def test_the_pad_is_shut_for_a_while_after_a_start(stored, clock):
    gate = PinGate(stored, clock=clock, shut_until=clock.now + 30)
    assert gate.try_pin(PIN) == LOCKED and gate.just_started()
    assert gate.locked_for() == 30 and gate.attempts_left == 0
    clock.now += 30
    assert gate.try_pin(PIN) == ACCEPTED


@pytest.mark.parametrize(
    "plain",
    [None, [], "x", {}, {"wrong": "a", "locks": 0, "lock_s": 0, "locked_until": 0},
     {"wrong": -1, "locks": 0, "lock_s": 0, "locked_until": 0},
     {"wrong": 1, "locks": 0, "lock_s": float("nan"), "locked_until": 0},
     {"wrong": 1, "locks": 0, "lock_s": 1e400, "locked_until": 0}],
)
def test_a_damaged_record_is_not_taken(plain):
    assert LockRecord.from_plain(plain) is None


def test_a_new_pin_needs_six_digits():
    assert "at least 6 digits" in new_pin_problem("12345")
    assert new_pin_problem("123456") is None
    assert new_pin_problem("12a456") == pin_problem("12a456")
