"""Train a level's value model (`ai_value.json`) from greedy self-play.

Every seat plays the one-step greedy move on the full state (with a small chance
of a random move, so the games cover more positions); each position met is
labelled with who won that game in the end. A small network (one tanh layer,
softmax over the factions and "nobody") is fitted to those labels with Adam, on
all but a held-out tenth of the games, whose log-loss is reported against the
naive guess (how often each faction won). With `members` K > 1, K such networks
are trained, each on its own games, and written as one ensemble judged by their
average logits (see `game.content.value_file`): a single network's judgement moves
with its training seed, an average of several moves much less. Deterministic for a
seed on one machine. Needs numpy (a dependency of matplotlib, which the game already uses).
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
from game.atomic import atomic_write_bytes, check_destination
from game.cli_args import use_workers
from game.content import load_level
from game.content.value_file import (
    ENSEMBLE_FORMAT,
    FORMAT,
    MAX_MEMBERS,
    VALUE_FILE,
    level_signature,
)
from game.engine import Ruleset, legal_actions, new_game, step

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
    members: int = 1
    member_log_loss: tuple[float, ...] = ()  # each member alone, on the same held-out games


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
    return _softmax(logits(weights, x))


def _stack(games: list[tuple[np.ndarray, int]]) -> tuple[np.ndarray, np.ndarray]:
    x = np.concatenate([rows for rows, _ in games])
    y = np.concatenate([np.full(len(rows), w, dtype=np.int64) for rows, w in games])
    return x, y


def logits(weights: dict[str, np.ndarray], x: np.ndarray) -> np.ndarray:
    """Class logits of raw feature rows `x` under fitted `weights`."""
    a = np.tanh(x.astype(np.float64) @ weights["w1"] + weights["b1"])
    out: np.ndarray = a @ weights["w2"] + weights["b2"]
    return out


def _log_loss(probs: np.ndarray, y: np.ndarray) -> float:
    picked = probs[np.arange(len(y)), y]
    return float(-np.mean(np.log(np.maximum(picked, 1e-12)))) + 0.0  # no "-0.0"


def _network(weights: dict[str, np.ndarray]) -> dict[str, Any]:
    return {
        "hidden_weights": [[float(c) for c in col] for col in weights["w1"].T],
        "hidden_bias": [float(b) for b in weights["b1"]],
        "out_weights": [[float(c) for c in col] for col in weights["w2"].T],
        "out_bias": [float(b) for b in weights["b2"]],
    }


def train_value(
    level: str,
    games: int = 6_000,
    seed: int = 0,
    workers: int = 2,
    hidden: int = 64,
    epochs: int = 6,
    out: Path | None = None,
    progress: Callable[[int], None] | None = None,
    members: int = 1,
) -> Report:
    """Play, fit and write the level's value model (atomically); returns the report.

    With `members` K > 1 it trains K networks, member k on its own `games` self-play
    games (seeds `seed + k * games` on) and initial weights, and writes them as one
    ensemble (format 2), judged by their average logits. The held-out tenth of every
    member's games is unseen by all members, so the report scores the ensemble on all
    of them. Raises ContentError if the level does not load, ValueError if `games` < 10
    or `members` is not 1..16.
    """
    if games < 10:
        raise ValueError("train on at least 10 games")
    if not 1 <= members <= MAX_MEMBERS:
        raise ValueError(f"train 1 to {MAX_MEMBERS} members")
    rules = load_level(level, value_model=False)
    folder = Path(rules.folder)
    check_destination(out or folder / VALUE_FILE)  # before hours of self-play, not after
    classes = len(rules.factions) + 1
    fitted: list[dict[str, np.ndarray]] = []
    held_x: list[np.ndarray] = []
    held_y: list[np.ndarray] = []
    winners = [0] * classes  # games won, per class
    train_counts = np.zeros(classes, dtype=np.int64)  # training positions, per class
    positions = 0
    inputs = 0
    for k in range(members):
        start = seed + k * games
        played = generate(level, games, start, workers, progress)
        n_test = max(1, int(len(played) * HELD_OUT))
        x, y = _stack(played[:-n_test])
        x_test, y_test = _stack(played[-n_test:])
        for _, w in played:
            winners[w] += 1
        del played
        fitted.append(fit(x, y, classes, hidden, epochs, start))
        held_x.append(x_test)
        held_y.append(y_test)
        train_counts += np.bincount(y, minlength=classes)
        positions += len(x) + len(x_test)
        inputs = int(x.shape[1])
        del x, y
    x_test = np.concatenate(held_x)
    y_test = np.concatenate(held_y)
    each = [logits(w, x_test) for w in fitted]
    probs = _softmax(sum(each[1:], each[0]) / members)
    log_loss = _log_loss(probs, y_test)
    mean_probs = sum((_softmax(z) for z in each[1:]), _softmax(each[0])) / members
    base = train_counts / train_counts.sum()
    naive = _log_loss(np.broadcast_to(base, probs.shape), y_test)
    accuracy = float(np.mean(probs.argmax(axis=1) == y_test))
    names = [f.id for f in rules.factions] + ["nobody"]
    wins = dict(zip(names, winners, strict=True))
    training: dict[str, Any] = {"games": games, "seed": seed, "epochs": epochs}
    training["positions"] = positions
    training["held_out_log_loss"] = round(log_loss, 4)
    training["naive_log_loss"] = round(naive, 4)
    head: dict[str, Any] = {
        "level": rules.level_id,
        "fingerprint": rules.rules_fingerprint,
        **level_signature(rules),
        "inputs": inputs,
        "hidden": hidden,
    }
    member_loss = tuple(_log_loss(_softmax(z), y_test) for z in each)
    if members == 1:
        doc: dict[str, Any] = {"format": FORMAT, **head, **_network(fitted[0])}
    else:
        training["members"] = members
        training["probability_average_log_loss"] = round(_log_loss(mean_probs, y_test), 4)
        doc = {"format": ENSEMBLE_FORMAT, **head}
        doc["members"] = [
            {
                **_network(w),
                "training": {"seed": seed + k * games, "held_out_log_loss": round(loss, 4)},
            }
            for k, (w, loss) in enumerate(zip(fitted, member_loss, strict=True))
        ]
    doc["training"] = training
    path = out or folder / VALUE_FILE
    text = json.dumps(doc, separators=(",", ":")).replace("],[", "],\n[")
    atomic_write_bytes(path, (text + "\n").encode())
    return Report(
        games * members, positions, wins, log_loss, naive, accuracy, path, members, member_loss
    )
