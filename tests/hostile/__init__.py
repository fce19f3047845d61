"""The hostile-input corpus: files and arguments an attacker would try (see README)."""
