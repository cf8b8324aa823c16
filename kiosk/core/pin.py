"""The staff PIN: stored only as a salted scrypt hash, and the PIN pad's lock.

A hash is one ASCII line, `scrypt$N$R$P$SALT$HASH` (SALT and HASH in
base64url without padding), so staff can paste it into YAML unquoted and a
hash made with other scrypt costs still verifies.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import math
import re
import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass

PIN_DIGITS = (4, 12)  # what the pad takes (hashes made before 6 were required still work)
NEW_PIN_DIGITS = 6  # the fewest `kiosk hash-pin` hashes: 10^4 PINs fall to a search in minutes
# The longest a lock lasts however often it doubled: a day. Also the most a
# lock restored after a restart can have left, whatever the clock says.
MAX_LOCKOUT_S = 24 * 3600.0

ACCEPTED = "accepted"
REJECTED = "rejected"
LOCKED = "locked"

_SCHEME = "scrypt"
_N, _R, _P = 2**14, 8, 1
_HASH_BYTES = 32
_SALT_BYTES = 16

# Bounds on a stored hash's costs: a mistyped or hostile value must not make
# the kiosk hang or run out of memory when someone enters a PIN.
_N_RANGE = (2**10, 2**20)
_R_RANGE = (1, 32)
_P_RANGE = (1, 16)
# scrypt's time grows with n*r*p and its memory (128*n*r bytes) with n*r; this
# cap (16 times our own cost) keeps a check under about a second and 256 MiB.
_MAX_COST = 16 * _N * _R * _P

_PIN = re.compile(rf"[0-9]{{{PIN_DIGITS[0]},{PIN_DIGITS[1]}}}")
_NUMBER = re.compile(r"[1-9][0-9]{0,8}")
_BASE64URL = re.compile(r"[A-Za-z0-9_-]+")
_FIX = "paste the whole line printed by `kiosk hash-pin`"


def pin_problem(pin: str) -> str | None:
    """Why `pin` cannot be a PIN, in plain words; None if it can."""
    if _PIN.fullmatch(pin):
        return None
    return f"a PIN must be {PIN_DIGITS[0]} to {PIN_DIGITS[1]} digits, only 0-9"


def new_pin_problem(pin: str) -> str | None:
    """Why `pin` cannot be a new staff PIN, in plain words; None if it can."""
    if len(pin) < NEW_PIN_DIGITS and pin.isascii() and pin.isdigit():
        return (f"a new PIN must have at least {NEW_PIN_DIGITS} digits: one of {PIN_DIGITS[0]} or 5 "
                f"is found by trying them all in minutes")
    return pin_problem(pin)


def hash_pin(pin: str, *, salt: bytes | None = None) -> str:
    """The line to store instead of `pin`. Raises ValueError for a bad PIN."""
    problem = pin_problem(pin)
    if problem:
        raise ValueError(problem)
    if salt is None:
        salt = secrets.token_bytes(_SALT_BYTES)
    elif len(salt) < _SALT_BYTES:
        raise ValueError(f"the salt must be at least {_SALT_BYTES} bytes")
    digest = _scrypt(pin, salt, _N, _R, _P)
    return "$".join((_SCHEME, str(_N), str(_R), str(_P), _encode(salt), _encode(digest)))


def hash_problem(stored: str) -> str | None:
    """Why `stored` is not a hash made by hash_pin, saying what to do; else None."""
    try:
        _decode(stored)
    except ValueError as error:
        return str(error)
    return None


def verify_pin(pin: str, stored: str) -> bool:
    """Whether `pin` is the PIN `stored` was made from.

    Raises ValueError (with hash_problem's message) if `stored` is malformed.
    """
    parsed = _decode(stored)
    if pin_problem(pin):
        return False  # no hash is ever made of such a PIN
    computed = _scrypt(pin, parsed.salt, parsed.n, parsed.r, parsed.p)
    return hmac.compare_digest(computed, parsed.digest)


@dataclass(frozen=True)
class _Hash:
    n: int
    r: int
    p: int
    salt: bytes
    digest: bytes


def _scrypt(pin: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    # Room for scrypt's working memory, which hashlib otherwise caps at 32 MiB.
    maxmem = 128 * r * (n + p + 2) + 1024 * 1024
    return hashlib.scrypt(pin.encode("ascii"), salt=salt, n=n, r=r, p=p, maxmem=maxmem, dklen=_HASH_BYTES)


def _decode(stored: str) -> _Hash:
    """The parts of a stored hash; ValueError with a message for staff if malformed."""
    parts = stored.split("$")
    if parts[0] != _SCHEME:
        raise ValueError(f"is not a PIN hash (it must start with '{_SCHEME}$'); {_FIX}")
    if len(parts) != 6:
        raise ValueError(f"is incomplete or has extra parts (a PIN hash has 6 parts separated by '$'); {_FIX}")
    n = _number(parts[1], "n", _N_RANGE)
    r = _number(parts[2], "r", _R_RANGE)
    p = _number(parts[3], "p", _P_RANGE)
    if n & (n - 1):
        raise ValueError(f"has a cost n of {n}, which is not a power of two; {_FIX}")
    if n * r * p > _MAX_COST:
        raise ValueError(f"asks for more scrypt work (n*r*p) than this kiosk allows; {_FIX}")
    salt = _base64(parts[4], "salt")
    digest = _base64(parts[5], "hash")
    if len(salt) < _SALT_BYTES:
        raise ValueError(f"has a salt shorter than {_SALT_BYTES} bytes; {_FIX}")
    if len(digest) != _HASH_BYTES:
        raise ValueError(
            f"has a hash of {len(digest)} bytes instead of {_HASH_BYTES}, so it is cut short or altered; {_FIX}"
        )
    return _Hash(n, r, p, salt, digest)


def _number(text: str, name: str, bounds: tuple[int, int]) -> int:
    # Plain digits only: int() would also take ' 8', '+8' and '1_000'.
    low, high = bounds
    if not _NUMBER.fullmatch(text) or not low <= int(text) <= high:
        raise ValueError(f"has a cost {name} of '{text}', which must be a whole number from {low} to {high}; {_FIX}")
    return int(text)


def _encode(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _base64(text: str, name: str) -> bytes:
    """Strict base64url without padding: only the form _encode writes."""
    damaged = ValueError(f"has a damaged {name} part (it must be only letters, digits, '-' and '_'); {_FIX}")
    if not _BASE64URL.fullmatch(text):
        raise damaged
    try:
        data = base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
    except binascii.Error:
        raise damaged from None
    if _encode(data) != text:  # leftover bits: a character was changed or cut off
        raise damaged
    return data


@dataclass(frozen=True)
class LockRecord:
    """What the pad's lock must remember across a restart (as plain data).

    `locked_until` is wall-clock time (seconds since the epoch): the
    monotonic clock starts again at every boot. A wall clock can jump, so a
    restored lock never has more left than its own length (`lock_s`)."""

    wrong: int = 0  # wrong PINs since the last lock or right PIN
    locks: int = 0  # locks since the last right PIN: the doubling
    lock_s: float = 0.0  # the length of the last lock
    locked_until: float = 0.0  # when it ends, wall clock

    @classmethod
    def from_plain(cls, data: object) -> LockRecord | None:
        """From what to_plain gave (read back from a file); None if it is not that."""
        if not isinstance(data, dict):
            return None
        try:
            record = cls(int(data["wrong"]), int(data["locks"]), float(data["lock_s"]), float(data["locked_until"]))
        except (KeyError, TypeError, ValueError, OverflowError):
            return None
        numbers = (record.wrong, record.locks, record.lock_s, record.locked_until)
        if any(not math.isfinite(number) or number < 0 for number in numbers):
            return None
        return record

    def to_plain(self) -> dict[str, float]:
        return {"wrong": self.wrong, "locks": self.locks, "lock_s": self.lock_s, "locked_until": self.locked_until}


class PinGate:
    """The PIN pad's lock: locks after `attempts` wrong PINs in a row.

    Each lock lasts twice as long as the previous one, starting at
    `first_lockout_s` (up to MAX_LOCKOUT_S), so guessing gets slower and
    slower; the right PIN resets both the count and the doubling.

    `restored` is the record a kiosk kept before it restarted (see
    LockRecord); `shut_until` (monotonic) keeps the pad shut for a while
    whatever the record says; `on_change` hears every new record, to keep it.
    Durations run on the monotonic `clock`; `wall` only converts a lock's end
    to and from the record.
    """

    def __init__(
        self,
        stored: str,
        *,
        clock: Callable[[], float] = time.monotonic,
        wall: Callable[[], float] = time.time,
        attempts: int = 5,
        first_lockout_s: float = 300.0,
        restored: LockRecord | None = None,
        shut_until: float = float("-inf"),
        on_change: Callable[[LockRecord], None] | None = None,
    ) -> None:
        problem = hash_problem(stored)
        if problem:
            raise ValueError(problem)
        if attempts < 1:
            raise ValueError("attempts must be 1 or more")
        if first_lockout_s < 0:
            raise ValueError("first_lockout_s must not be negative")
        self._stored = stored
        self._clock = clock
        self._wall = wall
        self._attempts = attempts
        self._first_lockout_s = first_lockout_s
        self._on_change = on_change
        self._shut_until = shut_until
        self._wrong = 0  # wrong PINs since the last lock or right PIN
        self._locks = 0  # locks since the last right PIN: the doubling
        self._lock_s = 0.0
        self._locked_until = float("-inf")
        if restored is not None:
            self._wrong = min(restored.wrong, attempts - 1)
            self._locks = min(restored.locks, 64)
            self._lock_s = min(restored.lock_s, MAX_LOCKOUT_S)
            # A clock set back (or forward) between the runs cannot make the
            # lock longer than it was: at most its own length is left.
            left = min(self._lock_s, max(0.0, restored.locked_until - wall()))
            if left > 0:
                self._locked_until = clock() + left

    def try_pin(self, pin: str) -> str:
        """ACCEPTED, REJECTED or LOCKED (the PIN was not even checked).

        The wrong PIN that starts a lock is REJECTED; locked_for() then
        tells how long the lock lasts.
        """
        if self.locked_for() > 0:
            return LOCKED
        if verify_pin(pin, self._stored):
            self._wrong = 0
            self._locks = 0
            self._changed()
            return ACCEPTED
        self._wrong += 1
        if self._wrong >= self._attempts:
            self._lock_s = min(self._first_lockout_s * 2.0 ** min(self._locks, 64), MAX_LOCKOUT_S)
            self._locked_until = self._clock() + self._lock_s
            self._locks += 1
            self._wrong = 0
        self._changed()
        return REJECTED

    def locked_for(self) -> float:
        """Seconds left of the current lock (or of the shut after a start); 0 if neither."""
        now = self._clock()
        return max(0.0, self._locked_until - now, self._shut_until - now)

    def just_started(self) -> bool:
        """Whether the pad is shut only because the kiosk has just started."""
        now = self._clock()
        return self._shut_until > now and self._locked_until <= now

    @property
    def locks(self) -> int:
        """Locks since the last right PIN."""
        return self._locks

    @property
    def wrong(self) -> int:
        """Wrong PINs since the last lock or right PIN."""
        return self._wrong

    @property
    def attempts_left(self) -> int:
        """Wrong PINs left before the next lock; 0 while locked."""
        if self.locked_for() > 0:
            return 0
        return self._attempts - self._wrong

    def record(self) -> LockRecord:
        """What to keep for the next start."""
        left = max(0.0, self._locked_until - self._clock())
        return LockRecord(self._wrong, self._locks, self._lock_s, self._wall() + left if left else 0.0)

    def _changed(self) -> None:
        if self._on_change is not None:
            self._on_change(self.record())
