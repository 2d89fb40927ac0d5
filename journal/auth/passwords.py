"""Password hashing with argon2id (RFC 9106 second recommended profile)."""
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

# Pinned parameters: t=3 passes, 64 MiB, 4 lanes, 16-byte salt, 32-byte tag.
hasher = PasswordHasher(time_cost=3, memory_cost=64 * 1024, parallelism=4, hash_len=32, salt_len=16)
# Verified against when the email is unknown, so both failures take the same time.
_DUMMY_HASH = hasher.hash("not a real password, only spends time")


def hash_password(password: str) -> str:
    """Hash a password for storage."""
    return hasher.hash(password)


def verify_password(stored_hash: str | None, password: str) -> bool:
    """Check a password; with no stored hash, spend the same time and fail."""
    try:
        return hasher.verify(stored_hash or _DUMMY_HASH, password) and stored_hash is not None
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def needs_rehash(stored_hash: str) -> bool:
    """True when the stored hash was made with other parameters than today's."""
    return hasher.check_needs_rehash(stored_hash)
