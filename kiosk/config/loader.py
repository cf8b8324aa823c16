"""Load kiosk.yaml and the content files it names into a KioskConfig."""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType

from kiosk.core.model import COUNTED_TEXTS, Content, KioskConfig
from kiosk.core.qr import qr_size_px

from . import schema
from .problems import ConfigError, Problem, Report
from .specs import INVALID, Context, Record
from .yaml_nodes import parse_file


@dataclass(frozen=True)
class LoadedConfig:
    config: KioskConfig
    warnings: tuple[Problem, ...]


def load_config(path: Path, *, today: dt.date | None = None, future_dates_are_errors: bool = True) -> LoadedConfig:
    """Read and check kiosk.yaml at `path` and the texts and people it names.

    Every problem found is collected; if any is an error, ConfigError is
    raised with all of them. `today` (default: the real date) is what dates
    like `as_of` may not lie after. future_dates_are_errors=False (a running
    kiosk) makes such a date a warning: the clock may be wrong, not the file
    (a dead clock battery says 2000-01-01), and the content is still shown.
    """
    report = Report()
    kiosk_file = Path(os.path.abspath(path))
    try:
        config = _load(kiosk_file, report, today or dt.date.today(), future_dates_are_errors)
    except Exception as error:  # noqa: BLE001 -- a bug here must still reach staff as a clear message
        report.error(
            kiosk_file,
            1,
            kiosk_file.name,
            f"the kiosk could not finish checking its settings because of an internal error "
            f"({type(error).__name__}: {error}); please report this together with the config files",
        )
        config = None
    warnings = report.in_order(report.warnings)
    if report.errors or config is None:
        raise ConfigError(report.in_order(report.errors), warnings)
    return LoadedConfig(config, warnings)


def _load(kiosk_file: Path, report: Report, today: dt.date, future_dates_are_errors: bool) -> KioskConfig | None:
    def context(file: Path, **known) -> Context:
        return Context(file, report, today, future_dates_are_errors=future_dates_are_errors, **known)

    kiosk = _check_file(context(kiosk_file), schema.KIOSK)
    if kiosk is INVALID:
        return None
    languages = _section(kiosk, "languages")
    offered = languages.get("offered", INVALID)
    content = _section(kiosk, "content")
    if offered is INVALID:
        return None  # without the languages, every text would look wrong

    screen = kiosk.get("screen", INVALID)
    qr_px = None if screen is INVALID else qr_size_px(screen.width, screen.height)
    review_after_days = content.get("review_after_days", INVALID)
    if review_after_days is INVALID:  # already reported: the content files are checked with the default
        review_after_days = schema.kiosk_default("content.review_after_days")

    # Both content files are checked even if one of them is broken.
    texts = people = INVALID
    if content.get("texts", INVALID) is not INVALID:
        texts = _check_file(
            context(
                content["texts"],
                languages=offered,
                default_language=languages.get("default"),  # INVALID or not offered: already reported
                qr_px=qr_px,
                review_after_days=review_after_days,
            ),
            schema.TEXTS,
        )
    if content.get("people", INVALID) is not INVALID:
        statuses = texts.get("statuses", INVALID) if isinstance(texts, dict) else INVALID
        people = _check_file(
            context(
                content["people"],
                languages=offered,
                qr_px=qr_px,
                statuses=None if statuses is INVALID else tuple(statuses),  # None: not known, not checked
                review_after_days=review_after_days,
            ),
            schema.PEOPLE,
        )
    if report.errors:
        return None
    people_list = people["people"]
    ui = texts["ui"]
    return KioskConfig(
        path=kiosk_file.resolve(),
        languages=offered,
        default_language=languages["default"],
        screen=kiosk["screen"],
        theme=kiosk["theme"],
        reduce_motion=kiosk["reduce_motion"],
        campaign_url=kiosk["links"]["campaign"],
        showing=kiosk["showing"],
        review_after_days=review_after_days,
        content=Content(
            ui=MappingProxyType({key: text for key, text in ui.items() if key not in COUNTED_TEXTS}),
            counted=MappingProxyType({key: ui[key] for key in COUNTED_TEXTS}),
            months=texts["months"],
            numbers=texts["numbers"],
            statuses=texts["statuses"],
            about=texts["about"],
            prisoner_count=texts["prisoner_count"],
            people=people_list,
        ),
        idle=kiosk["idle"],
        burn_in_max_static_s=kiosk["burn_in"],
        staff=kiosk["staff"],
        schedule=kiosk["schedule"],
        stats=kiosk["stats"],
        screenshot_every_s=kiosk["health"],
        sources=(
            kiosk_file,
            content["texts"],
            content["people"],
            *dict.fromkeys(person.portrait for person in people_list),
        ),
    )


def _check_file(ctx: Context, spec: Record):
    """Parse one file and check it against `spec`; INVALID if unusable."""

    # The reader's problems (a key written twice, ...) are reported after the
    # check, which names the people their fields belong to (Context.names).
    found: list[tuple[int, str, str]] = []
    root = parse_file(ctx.file, lambda *problem: found.append(problem), whole_file=ctx.file.name)
    if root is None:
        value = INVALID
    elif not isinstance(root.value, dict):
        ctx.error(
            root.line,
            ctx.file.name,
            f"must be made of 'name: value' lines ({', '.join(spec.fields)}), as described in its comments",
        )
        value = INVALID
    else:
        value = spec.check(root, "", ctx)
    for problem in found:
        ctx.error(*problem)
    return value


def _section(values: dict, key: str) -> dict:
    """A sub-Record's values, or {} if it was missing or not a group."""
    section = values.get(key, INVALID)
    return section if isinstance(section, dict) else {}
