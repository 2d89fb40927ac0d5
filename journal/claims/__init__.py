"""Claim links: a recruiter without an account claims the inbox their updates wait in."""
