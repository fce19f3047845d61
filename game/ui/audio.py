"""The game's sound: the mixer, the synthesized effects and music, volume and mute, and
the cues that pick which effect a change in the match calls for.

If the mixer cannot start (no audio device, a broken driver) the game goes on silent:
`Audio.start` logs one line and every later call does nothing.
"""

from __future__ import annotations

import logging

import pygame

from game.engine.log import ACTION, EVENT, LogEntry, visible
from game.match import Match
from game.ui import synth

log = logging.getLogger(__name__)

MUSIC_SHARE = 0.35  # the music plays this much quieter than the effects


class Audio:
    """Owns the mixer (when it could start) and the generated sounds."""

    def __init__(self, volume: float = 0.7, muted: bool = False) -> None:
        self.volume = volume
        self.muted = muted
        self.ready = False
        self.sounds: dict[str, pygame.mixer.Sound] = {}
        self.music: pygame.mixer.Sound | None = None
        self.music_channel: pygame.mixer.Channel | None = None
        self.problem = ""

    def start(self, with_music: bool = True) -> bool:
        """Open the mixer and generate the sounds; False (and one log line) if it cannot."""
        try:
            if pygame.mixer.get_init() not in (None, (synth.RATE, -16, 2)):
                pygame.mixer.quit()  # opened elsewhere in another format: reopen in ours
            # allowedchanges=0: SDL converts to the device, the samples stay in our format
            pygame.mixer.init(frequency=synth.RATE, size=-16, channels=2, allowedchanges=0)
            init = pygame.mixer.get_init()
            if init is None:
                raise pygame.error("the mixer did not start")
            rate, _, channels = init
            if rate != synth.RATE or channels != 2:
                raise pygame.error(f"the mixer runs at {rate} Hz, {channels} channels")
            for name in synth.EFFECTS:
                self.sounds[name] = pygame.sndarray.make_sound(synth.to_pcm(synth.effect(name)))
            if with_music:
                self.music = pygame.sndarray.make_sound(synth.to_pcm(synth.music()))
        except (pygame.error, ValueError, OSError) as exc:
            self.problem = str(exc) or type(exc).__name__
            log.warning("sound is off: %s", self.problem)
            self.sounds.clear()
            self.music = None
            self.ready = False
            return False
        self.ready = True
        self.apply()
        return True

    def set(self, volume: float, muted: bool) -> None:
        """Change the volume (0…1) and mute; takes effect at once."""
        self.volume = max(0.0, min(volume, 1.0))
        self.muted = muted
        self.apply()

    @property
    def level(self) -> float:
        """The effects' volume now (0 when muted)."""
        return 0.0 if self.muted else self.volume

    def apply(self) -> None:
        """Push the volume to the sounds and start or stop the music."""
        if not self.ready:
            return
        for sound in self.sounds.values():
            sound.set_volume(self.level)
        if self.music is None:
            return
        self.music.set_volume(self.level * MUSIC_SHARE)
        playing = self.music_channel is not None and self.music_channel.get_busy()
        if self.level > 0 and not playing:
            self.music_channel = self.music.play(loops=-1, fade_ms=1500)
        elif self.level == 0 and playing and self.music_channel is not None:
            self.music_channel.stop()

    def play(self, name: str) -> None:
        """Play effect `name` (unknown names and a silent game do nothing)."""
        sound = self.sounds.get(name)
        if sound is not None and self.level > 0:
            sound.play()

    def stop(self) -> None:
        """Stop every sound and close the mixer."""
        if self.ready:
            pygame.mixer.stop()
            pygame.mixer.quit()
        self.ready = False


class Cues:
    """Which effects a match's new log entries and turn changes call for, as one seat
    sees them: its own actions (worked / failed), news it can see, the turn passing, the
    end. Feed it the match each frame with `changes`."""

    def __init__(self) -> None:
        self.match: Match | None = None
        self.seen = 0
        self.active = -1
        self.over = False

    def changes(self, match: Match, viewer: int) -> list[str]:
        """The effect names for what happened since the last call (none on the first
        call for a match, so loading a game is quiet)."""
        if match is not self.match or len(match.log) < self.seen:  # a new game, or undo
            self.match, self.seen = match, len(match.log)
            self.active, self.over = match.active, match.is_over
            return []
        new = match.log[self.seen :]
        self.seen = len(match.log)
        cues = [c for c in (_cue(e, viewer) for e in new) if c]
        if match.is_over and not self.over:
            cues.append("game_over")
        elif match.active != self.active and match.active >= 0 and "turn" not in cues:
            cues.append("turn")
        self.active, self.over = match.active, match.is_over
        return list(dict.fromkeys(cues))  # each effect once per frame, in order


def _cue(entry: LogEntry, viewer: int) -> str:
    if not visible(entry, viewer):
        return ""
    if entry.kind == ACTION and entry.faction == viewer:
        return "fail" if entry.success == 0 else "confirm"
    if entry.kind == EVENT:
        return "news"
    return ""
