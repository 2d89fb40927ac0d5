"""Talent pools: named groups of contacts with a day to re-engage them."""
