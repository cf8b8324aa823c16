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
import re
import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass

PIN_DIGITS = (4, 12)

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
        raise ValueError(f"has a hash of {len(digest)} bytes instead of {_HASH_BYTES}, so it is cut short or altered; {_FIX}")
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


class PinGate:
    """The PIN pad's lock: locks after `attempts` wrong PINs in a row.

    Each lock lasts twice as long as the previous one, starting at
    `first_lockout_s`, so guessing gets slower and slower; the right PIN
    resets both the count and the doubling.
    """

    def __init__(
        self,
        stored: str,
        *,
        clock: Callable[[], float] = time.monotonic,
        attempts: int = 5,
        first_lockout_s: float = 300.0,
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
        self._attempts = attempts
        self._first_lockout_s = first_lockout_s
        self._wrong = 0  # wrong PINs since the last lock or right PIN
        self._locks = 0  # locks since the last right PIN: the doubling
        self._locked_until = float("-inf")

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
            return ACCEPTED
        self._wrong += 1
        if self._wrong >= self._attempts:
            self._locked_until = self._clock() + self._first_lockout_s * 2**self._locks
            self._locks += 1
            self._wrong = 0
        return REJECTED

    def locked_for(self) -> float:
        """Seconds left of the current lock; 0 if not locked."""
        return max(0.0, self._locked_until - self._clock())

    @property
    def attempts_left(self) -> int:
        """Wrong PINs left before the next lock; 0 while locked."""
        if self.locked_for() > 0:
            return 0
        return self._attempts - self._wrong
