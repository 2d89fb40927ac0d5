"""Pure domain logic: plain data in, plain data out; no Flask, no database session."""
