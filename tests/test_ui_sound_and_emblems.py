"""Sound made in code (effects, music, volume, mute, a mixer that will not start), the
cues that choose an effect, and the faction emblems and category icons drawn in code."""

from __future__ import annotations

import os

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

import itertools
import json
import logging
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pygame
import pygame_gui
import pytest

from game.engine import Ruleset, legal_actions
from game.engine.log import ACTION, EVENT, LogEntry
from game.match import Match
from game.ui import emblems, prefs, synth
from game.ui.app import App
from game.ui.audio import Audio, Cues
from game.ui.emblems import category_icon, emblem
from game.ui.prefs import Settings
from tests.ui_driver import frames, key, new_app, open_settings

pytestmark = pytest.mark.ui


@pytest.fixture(autouse=True)
def user_data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "userdata"
    monkeypatch.setenv("SAHEL_CRISIS_DATA_DIR", str(folder))
    return folder


@pytest.fixture
def app() -> Iterator[App]:
    application = new_app()
    yield application
    application.close()


# --- the sounds ---------------------------------------------------------------------------

LENGTHS = {"confirm": 0.3, "fail": 0.35, "news": 0.5, "turn": 0.25, "game_over": 2.2}


@pytest.mark.parametrize("name", sorted(synth.EFFECTS))
def test_each_effect_is_short_stereo_loud_enough_and_never_clips(name: str) -> None:
    wave = synth.effect(name)
    assert wave.ndim == 2 and wave.shape[1] == 2
    assert wave.shape[0] / synth.RATE == pytest.approx(LENGTHS[name], abs=0.01)
    peak = float(np.max(np.abs(wave)))
    assert 0.5 <= peak <= synth.PEAK + 1e-9, "audible, with headroom below full scale"
    pcm = synth.to_pcm(wave)
    assert pcm.dtype == np.int16 and int(np.max(np.abs(pcm.astype(np.int32)))) < 32767
    assert np.all(np.abs(wave[:1]) < 0.01) and np.all(np.abs(wave[-1:]) < 0.01), "no click"


def test_the_effects_sound_different_from_each_other() -> None:
    for a, b in itertools.combinations(sorted(synth.EFFECTS), 2):
        wa, wb = synth.effect(a)[:, 0], synth.effect(b)[:, 0]
        n = min(len(wa), len(wb))
        assert float(np.mean(np.abs(wa[:n] - wb[:n]))) > 0.05, (a, b)


def test_the_music_is_a_quiet_loop_that_joins_without_a_click() -> None:
    loop = synth.music()
    assert loop.shape[0] / synth.RATE == pytest.approx(24.0, abs=0.01)
    assert float(np.max(np.abs(loop))) <= 0.5, "the music stays under the effects"
    steps = np.abs(np.diff(loop[:, 0]))
    seam = abs(float(loop[0, 0] - loop[-1, 0]))
    assert seam <= float(np.max(steps)), "the jump from the end to the start is an ordinary step"
    assert np.array_equal(synth.music(7), synth.music(7)), "the same seed, the same loop"
    assert not np.array_equal(synth.music(7), synth.music(8))


def test_volume_scales_the_samples_and_zero_volume_is_silence() -> None:
    wave = synth.effect("news")
    full, half = synth.to_pcm(wave, 1.0).astype(np.int32), synth.to_pcm(wave, 0.5)
    assert int(np.max(np.abs(half))) == pytest.approx(int(np.max(np.abs(full))) / 2, abs=1)
    assert not np.any(synth.to_pcm(wave, 0.0))


# --- the mixer ----------------------------------------------------------------------------


def test_with_the_dummy_audio_driver_the_sounds_load_and_mute_stops_the_music(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # importing pettingzoo (the interop tests do) sets SDL_AUDIODRIVER=dsp for the process
    monkeypatch.setenv("SDL_AUDIODRIVER", "dummy")
    pygame.mixer.quit()
    audio = Audio(volume=0.5)
    try:
        assert audio.start(), audio.problem
        assert set(audio.sounds) == set(synth.EFFECTS)
        assert audio.sounds["confirm"].get_volume() == pytest.approx(0.5, abs=0.01)
        assert audio.music_channel is not None and audio.music_channel.get_busy()
        audio.play("confirm")
        audio.set(0.5, muted=True)
        assert not audio.music_channel.get_busy()
        assert audio.sounds["confirm"].get_volume() == 0.0
        audio.set(1.0, muted=False)
        assert audio.music_channel is not None and audio.music_channel.get_busy()
    finally:
        audio.stop()


def _broken_mixer(*_: Any, **__: Any) -> None:
    raise pygame.error("No available audio device")


def test_a_mixer_that_cannot_start_leaves_the_game_silent_with_one_log_line(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    pygame.mixer.quit()
    monkeypatch.setattr(pygame.mixer, "init", _broken_mixer)
    with caplog.at_level(logging.WARNING, logger="game.ui.audio"):
        audio = Audio()
        assert not audio.start()
        audio.play("confirm")
        audio.set(0.3, muted=False)
        audio.stop()
    lines = [r.getMessage() for r in caplog.records if r.name == "game.ui.audio"]
    assert lines == ["sound is off: No available audio device"]


def test_the_window_runs_and_plays_a_game_when_the_mixer_cannot_start(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    pygame.mixer.quit()
    monkeypatch.setattr(pygame.mixer, "init", _broken_mixer)
    application = new_app()
    try:
        assert not application.audio.ready
        screen = open_settings(application)
        key(application, pygame.K_m)
        assert application.settings.muted and "unmute" in screen.mute.text
        frames(application, 3)
    finally:
        application.close()


# --- the settings -------------------------------------------------------------------------


def test_volume_and_mute_chosen_on_the_settings_screen_survive_a_restart(
    app: App, user_data: Path
) -> None:
    screen = open_settings(app)
    pygame.event.post(
        pygame.event.Event(
            pygame_gui.UI_DROP_DOWN_MENU_CHANGED, ui_element=screen.volume, text="25%"
        )
    )
    frames(app, 2)
    key(app, pygame.K_m)
    assert app.settings.volume == 0.25 and app.settings.muted
    assert app.audio.level == 0.0
    saved = json.loads((user_data / "settings.json").read_text(encoding="utf-8"))
    assert saved["volume"] == 0.25 and saved["muted"] is True
    loaded, note = prefs.load_settings()
    assert (loaded.volume, loaded.muted, note) == (0.25, True, "")
    key(app, pygame.K_m)
    assert not prefs.load_settings()[0].muted and app.audio.level == 0.25


@pytest.mark.parametrize(
    ("body", "expected", "why"),
    [
        ({"volume": 3}, Settings(volume=1.0), "outside 0–1"),
        ({"volume": "loud"}, Settings(), "not a number"),
        ({"muted": "yes"}, Settings(), "not true or false"),
        ({"muted": 1}, Settings(), "not true or false"),
    ],
)
def test_a_bad_volume_or_mute_in_the_settings_file_is_named_and_replaced(
    user_data: Path, body: dict[str, object], expected: Settings, why: str
) -> None:
    user_data.mkdir(parents=True)
    (user_data / "settings.json").write_text(json.dumps(body), encoding="utf-8")
    settings, note = prefs.load_settings()
    assert settings == expected
    assert why in note and "settings.json" in note


# --- the cues -----------------------------------------------------------------------------


def _play_out(rules: Ruleset, seed: int, viewer: int) -> tuple[list[list[str]], Match]:
    """Play a whole game choosing the first legal move; the cues after each move."""
    match = Match.new(rules, seed)
    cues = Cues()
    assert cues.changes(match, viewer) == [], "a game that was just opened is quiet"
    heard = []
    while not match.is_over:
        match.play(legal_actions(match.state)[-1])
        heard.append(cues.changes(match, viewer))
    return heard, match


def test_the_cues_follow_the_seat_own_moves_news_turns_and_the_end(mini: Ruleset) -> None:
    heard, match = _play_out(mini, 5, viewer=0)
    flat = [c for frame in heard for c in frame]
    mine = [e for e in match.log if e.kind == ACTION and e.faction == 0]
    worked = sum(1 for e in mine if e.success != 0)
    assert flat.count("confirm") + flat.count("fail") <= len(mine)
    assert flat.count("fail") <= sum(1 for e in mine if e.success == 0)
    assert flat.count("confirm") >= 1 and worked >= 1
    assert "turn" in flat and flat.count("game_over") == 1 and heard[-1][-1] == "game_over"
    assert any(e.kind == EVENT for e in match.log) == ("news" in flat)


def test_moves_and_news_hidden_from_the_seat_make_no_sound() -> None:
    class Fake:
        def __init__(self) -> None:
            self.log: list[LogEntry] = []
            self.active, self.is_over = 0, False

    fake = Fake()
    cues = Cues()
    cues.changes(fake, 0)  # type: ignore[arg-type]  # a stand-in with a Match's fields
    fake.log += [
        LogEntry(1, EVENT, -1, 0, visible_to=1),
        LogEntry(1, ACTION, 1, 0, success=0),
        LogEntry(1, ACTION, 0, 0, success=0),
    ]
    assert cues.changes(fake, 0) == ["fail"]  # type: ignore[arg-type]
    fake.log += [LogEntry(1, EVENT, -1, 0), LogEntry(1, ACTION, 0, 0, success=1)]
    fake.active = 1
    assert cues.changes(fake, 0) == ["news", "confirm", "turn"]  # type: ignore[arg-type]
    fake.log[:] = fake.log[:2]  # undo
    assert cues.changes(fake, 0) == []  # type: ignore[arg-type]


# --- the pictures -------------------------------------------------------------------------


def _mask(surface: pygame.Surface) -> np.ndarray[Any, Any]:
    """Where the picture is nearly white (a glyph) or opaque (an icon)."""
    rgb = pygame.surfarray.array3d(surface).astype(np.int32)
    alpha = pygame.surfarray.array_alpha(surface)
    found: np.ndarray[Any, Any] = (rgb.min(axis=2) > 200) & (alpha > 128)
    return found


def test_every_faction_of_a_level_gets_an_emblem_of_its_own_shape(level: Ruleset) -> None:
    pygame.display.init()
    grey = (90, 90, 90)  # one colour for all: the shapes alone must tell them apart
    masks = [_mask(emblem(f.index, 20, grey)) for f in level.factions]
    for (i, a), (j, b) in itertools.combinations(enumerate(masks), 2):
        differ = int(np.sum(a ^ b))
        assert differ > 0.1 * max(int(a.sum()), int(b.sum())), (i, j)
    for f, m in zip(level.factions, masks, strict=True):
        assert m.sum() > 0.05 * m.size, f"{f.id}'s glyph is visible"


def test_the_eight_glyphs_are_distinct_and_the_emblem_takes_the_faction_colour() -> None:
    pygame.display.init()
    masks = [_mask(emblem(i, 24, (90, 90, 90))) for i in range(len(emblems.GLYPHS))]
    for a, b in itertools.combinations(masks, 2):
        assert int(np.sum(a ^ b)) > 0.1 * max(int(a.sum()), int(b.sum()))
    gold = emblem(0, 24, (184, 134, 11))
    assert gold.get_at((24, 4))[:3] == (184, 134, 11)  # inside the rim, outside the glyph
    assert gold.get_at((0, 0))[3] == 0, "transparent around the disc"


def test_each_action_category_has_its_own_icon() -> None:
    pygame.display.init()
    masks = [_mask(category_icon(c, 32, (240, 240, 240))) for c in emblems.CATEGORIES]
    for (i, a), (j, b) in itertools.combinations(enumerate(masks), 2):
        assert int(np.sum(a ^ b)) > 0.15 * max(int(a.sum()), int(b.sum())), (i, j)
    assert _mask(category_icon("unknown", 32, (240, 240, 240))).tolist() == masks[-1].tolist()


def test_map_regions_are_marked_by_emblems_with_tied_leads_showing_every_tied_faction(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import re

    from game.content import load_level
    from game.engine import new_game
    from game.ui import theme
    from game.ui.lens import Lens
    from game.ui.widgets import map_legend, mapview
    from game.ui.widgets.map_geometry import leader

    pygame.display.init()
    pygame.font.init()
    rules = load_level("niger_2023")
    state = new_game(rules, 3)
    fonts = theme.Fonts(1.0)
    view = mapview.MapView(rules, fonts)
    view.set_rect(pygame.Rect(0, 0, 840, 560))
    lens = Lens(state, -1)
    texts: list[str] = []
    drawn: list[int] = []
    real_text, real_emblem = fonts.text, emblems.blit_emblem

    def text(t: str, *args: Any, **kwargs: Any) -> pygame.Surface:
        texts.append(t)
        return real_text(t, *args, **kwargs)

    def blit(surface: pygame.Surface, c: Any, r: int, i: int, col: Any) -> None:
        drawn.append(i)
        real_emblem(surface, c, r, i, col)

    monkeypatch.setattr(fonts, "text", text)
    monkeypatch.setattr(map_legend, "blit_emblem", blit)  # the legend and the markers
    view.draw(pygame.Surface((840, 560)), lens, set(), -1, -1)
    assert not [t for t in texts if re.fullmatch(r"[A-Z](=[A-Z])+", t)], "no 'J=E' letters"
    assert any("tied" in t for t in texts), "the legend explains a shared lead"
    tied = [leader(lens, view.slots[i])[2] for i in range(len(rules.regions))]
    tied = [t for t in tied if len(t) >= 2]
    assert tied, "the opening map has a region with a shared lead"
    for factions in tied:
        assert map_legend.marker_factions(-1, factions) == tuple(factions)
    for f in range(len(rules.factions)):  # the legend and the markers use the emblems
        assert f in drawn
