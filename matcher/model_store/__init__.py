"""Ranking models on disk: one verified format, the shipped default, the active pointer and the serving handle."""
