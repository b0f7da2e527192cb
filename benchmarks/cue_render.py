"""Rendering a whole session's cues to WAV with the real espeak-ng worker, in German and Spanish
beside English (the baseline), in the same run: the first cue (worker start-up included) and
all of them, from a cold cache. Medians of --runs.

    python benchmarks/cue_render.py [--runs 5]
"""

from __future__ import annotations

import argparse
import platform
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from backstretch.core import i18n
from backstretch.core.cues import load_cue_texts
from backstretch.core.paths import resolve_paths
from backstretch.core.plan import spoken_texts
from backstretch.core.routines import list_routines
from backstretch.core.session import session_plan
from backstretch.core.settings import Settings
from backstretch.core.stretches import load_library
from backstretch.speech.service import SpeechService, VoiceSettings

LANGUAGES = ("en", "de", "es")


def cues_of(language: str) -> list[str]:
    """The bundled routine's spoken texts in that language."""
    i18n.set_language(language)
    library, texts = load_library(), load_cue_texts()
    routine = list_routines(resolve_paths(), library).routines[0]
    return list(spoken_texts(session_plan(routine, Settings(), texts), texts))


def render(language: str, texts: list[str]) -> tuple[float, float, str | None]:
    """Seconds to the first WAV and to the last, from a cold cache; the voice used."""
    i18n.set_language(language)
    with tempfile.TemporaryDirectory() as cache:
        service = SpeechService(Path(cache), VoiceSettings())
        t0 = time.monotonic()
        service.start()
        service.request(texts)
        first = None
        while time.monotonic() - t0 < 120:
            service.poll()
            ready = [t for t in texts if service.wav_for(t) is not None]
            if ready and first is None:
                first = time.monotonic() - t0
            if len(ready) == len(texts):
                break
            time.sleep(0.005)
        total = time.monotonic() - t0
        voice = service.voice_used
        service.close()
    return first or total, total, voice


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    print(
        f"{platform.node()} {platform.machine()} Python {platform.python_version()}; "
        f"{args.runs} runs, medians, cold cache each run"
    )
    texts = {language: cues_of(language) for language in LANGUAGES}
    firsts: dict[str, list[float]] = {language: [] for language in LANGUAGES}
    totals: dict[str, list[float]] = {language: [] for language in LANGUAGES}
    voices: dict[str, str | None] = {}
    for _ in range(args.runs):
        for language in LANGUAGES:  # interleaved, so the machine's mood is shared
            first, total, voice = render(language, texts[language])
            firsts[language].append(first)
            totals[language].append(total)
            voices[language] = voice
    base_first, base_total = (statistics.median(x["en"]) for x in (firsts, totals))
    for language in LANGUAGES:
        first, total = statistics.median(firsts[language]), statistics.median(totals[language])
        chars = sum(len(t) for t in texts[language])
        print(
            f"{language}: {len(texts[language])} cues, {chars} characters, voice "
            f"{voices[language] or 'default'}: first cue {first:.2f} s "
            f"({first / base_first:.2f}x English), all cues {total:.2f} s "
            f"({total / base_total:.2f}x English)"
        )


if __name__ == "__main__":
    main()
