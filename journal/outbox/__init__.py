"""Email delivery through a transactional outbox."""
