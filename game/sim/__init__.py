"""Batch AI-vs-AI simulation: process pool or Ray, balance reports and plots."""
