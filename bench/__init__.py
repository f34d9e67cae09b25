"""Benchmarks: harnesses that print a table of measured times beside their targets."""
