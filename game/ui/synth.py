"""Sound effects and a quiet music loop, synthesized with numpy (no sound files).

Every sound is a float array in -1…1 of shape (samples, 2) at `RATE`; `to_pcm` turns it
into 16-bit samples for `pygame.sndarray.make_sound`. Nothing here touches the mixer, so
the sounds can be generated and checked without an audio device.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np
import numpy.typing as npt

RATE = 22050
PEAK = 0.8  # the loudest any sound gets, leaving headroom so nothing clips

Wave = npt.NDArray[np.float64]

# name → what it marks (the names the game plays)
EFFECTS: dict[str, str] = {
    "confirm": "an action of yours worked",
    "fail": "an action of yours failed its roll",
    "news": "a news event happened",
    "turn": "the turn passed to another faction",
    "game_over": "the game ended",
}

# A minor pentatonic over A (Hz): the music picks from these
_SCALE = (220.0, 261.63, 293.66, 329.63, 392.0, 440.0)


def _t(seconds: float) -> Wave:
    return np.arange(int(RATE * seconds), dtype=np.float64) / RATE


def envelope(n: int, attack: float, release: float) -> Wave:
    """A linear attack then an exponential fade over `n` samples (times in seconds)."""
    env = np.ones(n)
    a = min(n, max(1, int(RATE * attack)))
    env[:a] = np.linspace(0.0, 1.0, a)
    tail = np.arange(n - a, dtype=np.float64) / RATE
    env[a:] = np.exp(-tail / max(release, 1e-3))
    env[-min(n, 64) :] *= np.linspace(1.0, 0.0, min(n, 64))  # end exactly at silence
    return env


def tone(freq: float, seconds: float, *, attack: float = 0.005, release: float = 0.15) -> Wave:
    """A soft bell-like note: a sine with two quiet overtones, under an envelope (mono)."""
    t = _t(seconds)
    wave = (
        np.sin(2 * np.pi * freq * t)
        + 0.3 * np.sin(2 * np.pi * 2 * freq * t)
        + 0.1 * np.sin(2 * np.pi * 3 * freq * t)
    )
    return wave * envelope(len(t), attack, release) / 1.4


def _sequence(notes: list[tuple[float, float, float]], seconds: float) -> Wave:
    """Mix (start s, frequency Hz, length s) notes into a mono buffer of `seconds`."""
    out = np.zeros(int(RATE * seconds))
    for start, freq, length in notes:
        note = tone(freq, length, release=length / 3)
        i = int(RATE * start)
        end = min(len(out), i + len(note))
        out[i:end] += note[: end - i]
    return out


def _finish(mono: Wave, pan: float = 0.0) -> Wave:
    """Normalise to `PEAK` and spread to stereo (pan -1 left … 1 right)."""
    top = float(np.max(np.abs(mono))) or 1.0
    mono = mono * (PEAK / top)
    return np.stack([mono * (1 - max(pan, 0.0)), mono * (1 + min(pan, 0.0))], axis=1)


@lru_cache(maxsize=16)
def effect(name: str) -> Wave:
    """The stereo wave of effect `name` (one of `EFFECTS`), made once and kept (do not
    modify it). Raises KeyError otherwise."""
    if name == "confirm":  # a rising fifth
        mono = _sequence([(0.0, 523.25, 0.12), (0.07, 783.99, 0.2)], 0.3)
    elif name == "fail":  # a falling, buzzy minor second
        t = _t(0.35)
        sweep = 2 * np.pi * np.cumsum(np.linspace(220.0, 150.0, len(t))) / RATE
        mono = (np.sin(sweep) + 0.4 * np.sign(np.sin(sweep))) * envelope(len(t), 0.01, 0.12)
    elif name == "news":  # a three-note teletype chime
        mono = _sequence([(0.0, 880.0, 0.09), (0.1, 880.0, 0.09), (0.2, 1174.66, 0.25)], 0.5)
    elif name == "turn":  # one low soft knock
        mono = _sequence([(0.0, 329.63, 0.25)], 0.25)
    elif name == "game_over":  # a slow descending cadence
        notes = [(0.0, 440.0, 0.5), (0.35, 392.0, 0.5), (0.7, 329.63, 0.5), (1.05, 220.0, 1.1)]
        mono = _sequence(notes, 2.2)
    else:
        raise KeyError(name)
    return _finish(mono)


@lru_cache(maxsize=4)
def music(seed: int = 2023, bars: int = 8, beat: float = 0.75) -> Wave:
    """A slow loop of `bars` bars of four beats: a drone on A and a wandering pentatonic
    line chosen by a seeded RNG (the same seed gives the same loop). It starts and ends
    on silence-free zero crossings so it loops without a click."""
    rng = np.random.default_rng(seed)
    seconds = bars * 4 * beat
    notes: list[tuple[float, float, float]] = []
    step = 2
    for i in range(bars * 4):
        if rng.random() < 0.35:  # rests keep it sparse
            continue
        step = int(np.clip(step + rng.integers(-2, 3), 0, len(_SCALE) - 1))
        notes.append((i * beat, _SCALE[step], beat * 2.5))
    line = _sequence(notes, seconds + beat * 3)
    # fold the tail that rings past the loop back onto its start, so the loop is seamless
    tail = line[int(RATE * seconds) :]
    line = line[: int(RATE * seconds)]
    line[: len(tail)] += tail
    t = _t(seconds)
    drone = 0.35 * np.sin(2 * np.pi * 110.0 * t) * (0.75 + 0.25 * np.sin(2 * np.pi * t / seconds))
    return _finish(line + drone) * 0.5


def to_pcm(wave: Wave, volume: float = 1.0) -> npt.NDArray[np.int16]:
    """16-bit stereo samples of `wave` scaled by `volume` (0…1), clipped to the int16 range."""
    scaled = np.clip(wave * max(0.0, min(volume, 1.0)), -1.0, 1.0) * 32767
    return np.ascontiguousarray(scaled.astype(np.int16))
