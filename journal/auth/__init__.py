"""Accounts: sign up, log in, log out, server-side sessions, role guards."""
