"""Balance plots of a simulation report (matplotlib, Agg backend: no display needed)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
from matplotlib.ticker import MaxNLocator

from game.engine import Ruleset


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
    fig.savefig(path)
    plt.close(fig)


def plot_tracks(rules: Ruleset, report: dict[str, Any], path: Path) -> None:
    """Mean of each visible track at the start and after every round."""
    fig, ax = plt.subplots(figsize=(7, 4), dpi=100)
    for key, series in report["tracks"].items():
        var = rules.vars[rules.slot(key)]
        means = series["mean"]
        ax.plot(range(len(means)), means, marker="o", markersize=3,
                label=f"{var.name} ({var.lo}..{var.hi})")
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_xlabel(f"{rules.round_name.lower()} (0 = start)")
    ax.set_ylabel("mean value over games still running")
    ax.set_title(f"{rules.name}: main tracks over {report['games']} games", fontsize=10)
    if report["tracks"]:
        ax.legend(fontsize=8, loc="best")
    fig.tight_layout()
    fig.savefig(path)
    plt.close(fig)
