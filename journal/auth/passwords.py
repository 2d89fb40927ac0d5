"""Password hashing with argon2id (RFC 9106 second recommended profile)."""

from functools import lru_cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from flask import current_app, has_app_context

# The profiles a deployment may choose with PASSWORD_HASHING. "rfc9106" is the only one for real
# accounts: t=3 passes, 64 MiB, 4 lanes, 16-byte salt, 32-byte tag. "cheap" exists for the test
# suite, which signs up hundreds of accounts and would spend minutes hashing.
PROFILES = {
    "rfc9106": {"time_cost": 3, "memory_cost": 64 * 1024, "parallelism": 4, "hash_len": 32, "salt_len": 16},
    "cheap": {"time_cost": 1, "memory_cost": 8, "parallelism": 1, "hash_len": 32, "salt_len": 16},
}


@lru_cache(maxsize=None)
def _profile(name: str) -> tuple[PasswordHasher, str]:
    hasher = PasswordHasher(**PROFILES[name])
    # verified against when the email is unknown, so both failures take the same time
    return hasher, hasher.hash("not a real password, only spends time")


def _hasher() -> tuple[PasswordHasher, str]:
    return _profile(current_app.config["PASSWORD_HASHING"] if has_app_context() else "rfc9106")


def hash_password(password: str) -> str:
    """Hash a password for storage."""
    return _hasher()[0].hash(password)


def verify_password(stored_hash: str | None, password: str) -> bool:
    """Check a password; with no stored hash, spend the same time and fail."""
    hasher, dummy = _hasher()
    try:
        return hasher.verify(stored_hash or dummy, password) and stored_hash is not None
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def needs_rehash(stored_hash: str) -> bool:
    """True when the stored hash was made with other parameters than today's."""
    return _hasher()[0].check_needs_rehash(stored_hash)
