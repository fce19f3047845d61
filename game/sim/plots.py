"""Balance plots of a simulation report (matplotlib, Agg backend: no display needed)."""

from __future__ import annotations

import io
import math
from pathlib import Path
from typing import Any

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
from matplotlib.ticker import MaxNLocator

from game.engine import Ruleset
from game.saves.atomic import atomic_write_bytes


def _save(fig: Any, path: Path) -> None:
    """Render the figure as PNG and write it atomically (never onto a FIFO or device)."""
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png")
    atomic_write_bytes(path, buffer.getvalue())


def plot_winrates(rules: Ruleset, report: dict[str, Any], path: Path) -> None:
    """Bar chart of each faction's win rate (and 'no winner') with 95% Wilson intervals."""
    names = [f.short for f in rules.factions] + ["no winner"]
    keys = [f.id for f in rules.factions] + ["none"]
    colors = [f.color for f in rules.factions] + ["#999999"]
    rates = [report["win_rate"][k]["rate"] for k in keys]
    low = [r - report["win_rate"][k]["low"] for k, r in zip(keys, rates, strict=True)]
    high = [report["win_rate"][k]["high"] - r for k, r in zip(keys, rates, strict=True)]
    fig, ax = plt.subplots(figsize=(7, 4), dpi=100)
    ax.bar(names, rates, color=colors, yerr=[low, high], capsize=6, edgecolor="#333333")
    for i, rate in enumerate(rates):
        ax.text(i, rate + 0.02, f"{rate:.0%}", ha="center", va="bottom", fontsize=9)
    ax.set_ylim(0, 1.05)
    ax.set_ylabel("win rate (95% interval)")
    seats = ", ".join(f"{k}={v}" for k, v in report["seats"].items())
    ax.set_title(f"{rules.name}: {report['games']} games ({seats})", fontsize=10)
    fig.tight_layout()
    _save(fig, path)
    plt.close(fig)


def plot_tracks(rules: Ruleset, report: dict[str, Any], path: Path) -> None:
    """Small multiples: the mean of each visible track at the start and after every round,
    each panel on its track's full range (danger tracks in red, the clock in blue)."""
    keys = list(report["tracks"])
    cols = min(4, max(1, len(keys)))
    rows = max(1, math.ceil(len(keys) / cols))
    fig, axes = plt.subplots(
        rows, cols, figsize=(3.2 * cols, 2.2 * rows + 0.6), dpi=100, squeeze=False
    )
    for ax in axes.flat[len(keys) :]:
        ax.axis("off")
    for ax, key in zip(axes.flat, keys, strict=False):
        var = rules.vars[rules.slot(key)]
        means = report["tracks"][key]["mean"]
        color = (
            "#C0392B"
            if var.danger or var.index == rules.escalation_slot
            else ("#1F77B4" if var.index == rules.clock_slot else "#555555")
        )
        ax.plot(range(len(means)), means, color=color, marker="o", markersize=2, linewidth=1.5)
        pad = max(0.5, (var.hi - var.lo) * 0.05)
        ax.set_ylim(var.lo - pad, var.hi + pad)
        ax.set_title(f"{var.name} ({var.lo}..{var.hi})", fontsize=9)
        ax.xaxis.set_major_locator(MaxNLocator(integer=True, nbins=6))
        ax.yaxis.set_major_locator(MaxNLocator(integer=True, nbins=4))
        ax.tick_params(labelsize=7)
        ax.grid(alpha=0.3)
    fig.suptitle(
        f"{rules.name}: mean of each track per {rules.round_name.lower()} "
        f"(0 = start), {report['games']} games",
        fontsize=10,
    )
    fig.tight_layout(rect=(0, 0, 1, 0.97))
    _save(fig, path)
    plt.close(fig)
