"""Train a level's value model (`ai_value.json`) from greedy self-play.

Every seat plays the one-step greedy move on the full state (with a small chance
of a random move, so the games cover more positions); each position met is
labelled with who won that game in the end. A small network (one tanh layer,
softmax over the factions and "nobody") is fitted to those labels with Adam, on
all but a held-out tenth of the games, whose log-loss is reported against the
naive guess (how often each faction won). Deterministic for a seed on one machine.
Needs numpy (a dependency of matplotlib, which the game already uses).
"""

from __future__ import annotations

import json
import math
import multiprocessing
import random
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from game.ai.rollout import RolloutAgent
from game.ai.value import Features
from game.cli_args import use_workers
from game.content import load_level
from game.content.value_file import FORMAT, VALUE_FILE, level_signature
from game.engine import Ruleset, legal_actions, new_game, step
from game.saves.atomic import atomic_write_bytes, check_destination

EXPLORE = 0.1  # chance of a random move instead of the greedy one, per decision
HELD_OUT = 0.1  # share of games kept out of training to measure the fit
BATCH = 2048
LEARNING_RATE = 2e-3
WEIGHT_DECAY = 1e-5

_WORKER: dict[str, tuple[Ruleset, RolloutAgent, Features]] = {}


@dataclass(frozen=True)
class Report:
    """What a training run did and how well the model predicts held-out games."""

    games: int
    positions: int
    wins: dict[str, int]
    log_loss: float  # held-out games, per position
    naive_log_loss: float  # the same, guessing each side's overall win rate
    accuracy: float  # held-out positions whose likeliest winner won
    path: Path


def _setup(level: str) -> tuple[Ruleset, RolloutAgent, Features]:
    found = _WORKER.get(level)
    if found is None:
        rules = load_level(level, value_model=False)
        found = _WORKER[level] = (rules, RolloutAgent(rules, 0), Features(rules))
    return found


def self_play(level: str, seed: int) -> tuple[np.ndarray, int]:
    """One near-greedy game: the features of every position met, and the winner's class."""
    rules, player, features = _setup(level)
    rng = random.Random(seed * 7919 + 1)
    state = new_game(rules, seed)
    rows = []
    while state.outcome < 0:
        rows.append(features.of(state))
        moves = legal_actions(state)
        if len(moves) > 1 and rng.random() < EXPLORE:
            move = moves[rng.randrange(len(moves))]
        else:
            move = player.greedy_move(state)
        step(state, move)
    winner = state.winner if state.winner >= 0 else len(rules.factions)
    return np.asarray(rows, dtype=np.float32), winner


def generate(
    level: str, games: int, seed: int, workers: int, progress: Callable[[int], None] | None = None
) -> list[tuple[np.ndarray, int]]:
    """`games` self-play games from seeds `seed`, `seed + 1`, ... (in seed order)."""
    seeds = range(seed, seed + games)
    out: list[tuple[np.ndarray, int]] = []
    results: Iterable[tuple[np.ndarray, int]]
    if workers <= 1:
        results = (self_play(level, s) for s in seeds)
        for item in results:
            out.append(item)
            if progress:
                progress(1)
        return out
    workers = use_workers(workers, -(-games // 8))  # one job is a chunk of 8 games
    if workers <= 1:
        return generate(level, games, seed, 1, progress)
    # spawned workers start on demand (a forked pool would start all of them up front)
    with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn")) as pool:
        for item in pool.map(self_play, [level] * games, seeds, chunksize=8):
            out.append(item)
            if progress:
                progress(1)
    return out


def _softmax(z: np.ndarray) -> np.ndarray:
    z = z - z.max(axis=1, keepdims=True)
    e = np.exp(z)
    out: np.ndarray = e / e.sum(axis=1, keepdims=True)
    return out


def fit(
    x: np.ndarray, y: np.ndarray, classes: int, hidden: int, epochs: int, seed: int
) -> dict[str, np.ndarray]:
    """Weights of a one-hidden-layer network predicting `y` from `x` (inputs unscaled)."""
    rng = np.random.default_rng(seed)
    mu = x.mean(axis=0)
    sd = x.std(axis=0)
    sd[sd < 1e-6] = 1.0
    z_all = ((x - mu) / sd).astype(np.float32)
    d = x.shape[1]
    p = {
        "w1": rng.normal(0.0, 1.0 / math.sqrt(d), (d, hidden)).astype(np.float32),
        "b1": np.zeros(hidden, np.float32),
        "w2": rng.normal(0.0, 1.0 / math.sqrt(hidden), (hidden, classes)).astype(np.float32),
        "b2": np.zeros(classes, np.float32),
    }
    m = {k: np.zeros_like(v) for k, v in p.items()}
    v = {k: np.zeros_like(v) for k, v in p.items()}
    t = 0
    rate = LEARNING_RATE
    for epoch in range(epochs):
        order = rng.permutation(len(z_all))
        for start in range(0, len(order), BATCH):
            idx = order[start : start + BATCH]
            z, target = z_all[idx], y[idx]
            a = np.tanh(z @ p["w1"] + p["b1"])
            g_out = _softmax(a @ p["w2"] + p["b2"])
            g_out[np.arange(len(idx)), target] -= 1.0
            g_out /= len(idx)
            g_a = (g_out @ p["w2"].T) * (1.0 - a * a)
            grads = {"w1": z.T @ g_a, "b1": g_a.sum(0), "w2": a.T @ g_out, "b2": g_out.sum(0)}
            t += 1
            for k, g in grads.items():
                if k[0] == "w":
                    g = g + WEIGHT_DECAY * p[k]
                m[k] = 0.9 * m[k] + 0.1 * g
                v[k] = 0.999 * v[k] + 0.001 * g * g
                step_size = rate * math.sqrt(1 - 0.999**t) / (1 - 0.9**t)
                p[k] -= step_size * m[k] / (np.sqrt(v[k]) + 1e-8)
        if epoch >= epochs // 2:
            rate *= 0.6
    # fold the input scaling into the first layer, so the game feeds raw features
    w1 = p["w1"].astype(np.float64) / sd[:, None]
    b1 = p["b1"].astype(np.float64) - ((mu / sd)[:, None] * p["w1"]).sum(axis=0)
    return {"w1": w1, "b1": b1, "w2": p["w2"].astype(np.float64), "b2": p["b2"].astype(np.float64)}


def predict(weights: dict[str, np.ndarray], x: np.ndarray) -> np.ndarray:
    """Class probabilities of raw feature rows `x` under fitted `weights`."""
    a = np.tanh(x.astype(np.float64) @ weights["w1"] + weights["b1"])
    return _softmax(a @ weights["w2"] + weights["b2"])


def _stack(games: list[tuple[np.ndarray, int]]) -> tuple[np.ndarray, np.ndarray]:
    x = np.concatenate([rows for rows, _ in games])
    y = np.concatenate([np.full(len(rows), w, dtype=np.int64) for rows, w in games])
    return x, y


def train_value(
    level: str,
    games: int = 18_000,
    seed: int = 0,
    workers: int = 2,
    hidden: int = 64,
    epochs: int = 6,
    out: Path | None = None,
    progress: Callable[[int], None] | None = None,
) -> Report:
    """Play, fit and write the level's value model (atomically); returns the report.

    Raises ContentError if the level does not load, ValueError if `games` < 10.
    """
    if games < 10:
        raise ValueError("train on at least 10 games")
    rules = load_level(level, value_model=False)
    folder = Path(rules.folder)
    check_destination(out or folder / VALUE_FILE)  # before hours of self-play, not after
    played = generate(level, games, seed, workers, progress)
    n_test = max(1, int(len(played) * HELD_OUT))
    classes = len(rules.factions) + 1
    x, y = _stack(played[:-n_test])
    x_test, y_test = _stack(played[-n_test:])
    weights = fit(x, y, classes, hidden, epochs, seed)
    probs = predict(weights, x_test)
    picked = probs[np.arange(len(y_test)), y_test]
    log_loss = float(-np.mean(np.log(np.maximum(picked, 1e-12))))
    base = np.bincount(y, minlength=classes) / len(y)
    naive = float(-np.mean(np.log(np.maximum(base[y_test], 1e-12)))) + 0.0  # no "-0.0"
    accuracy = float(np.mean(probs.argmax(axis=1) == y_test))
    names = [f.id for f in rules.factions] + ["nobody"]
    wins = {names[k]: int(sum(1 for _, w in played if w == k)) for k in range(classes)}
    doc: dict[str, Any] = {
        "format": FORMAT,
        "level": rules.level_id,
        "fingerprint": rules.rules_fingerprint,
        **level_signature(rules),
        "inputs": int(x.shape[1]),
        "hidden": hidden,
        "hidden_weights": [[float(c) for c in col] for col in weights["w1"].T],
        "hidden_bias": [float(b) for b in weights["b1"]],
        "out_weights": [[float(c) for c in col] for col in weights["w2"].T],
        "out_bias": [float(b) for b in weights["b2"]],
        "training": {
            "games": games,
            "seed": seed,
            "epochs": epochs,
            "positions": int(len(x) + len(x_test)),
            "held_out_log_loss": round(log_loss, 4),
            "naive_log_loss": round(naive, 4),
        },
    }
    path = out or folder / VALUE_FILE
    text = json.dumps(doc, separators=(",", ":")).replace("],[", "],\n[")
    atomic_write_bytes(path, (text + "\n").encode())
    return Report(games, int(len(x) + len(x_test)), wins, log_loss, naive, accuracy, path)
