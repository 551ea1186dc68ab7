"""Settings: database, districts and quotas, language, roles that seed a new database.

Discovery order (the first that exists wins; keys it leaves out take the
shipped defaults):

1. ``--config PATH`` on the command line (it must exist);
2. ``./config.toml`` in the current directory;
3. ``config.toml`` in the user's config directory (``~/.config/granska/``);
4. the shipped defaults, the dataclasses below (the repository's
   ``config.toml`` spells them out; a test keeps the two identical).

An unknown key, a wrong type or broken TOML raises ``ConfigError`` with one
line naming the file, the key or line, and what is expected.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any, TypeVar

_Number = TypeVar("_Number", int, float)

LANGUAGES = ("sv", "en")
SHORTFALL_RULES = ("fill_other_gender", "leave_short")

# Bounds of the numbers in config.toml (and the same options on the command line).
MAX_SEED = 2**63 - 1  # SQLite keeps the seed as a signed 64-bit integer
MAX_DISTRICTS = 500  # Stockholm has 13 stadsdelsförvaltningar; 500 is any municipality's many
MAX_QUOTA = 10_000  # cases per stratum: a review team reads a few hundred a year
MAX_IDLE_LOCK_MINUTES = 24 * 60  # a lock a day after the last key is no lock at all
BOUNDS: dict[str, tuple[float, float]] = {
    "[sample] seed": (0, MAX_SEED),
    "[sample] per_district": (0, MAX_QUOTA),
    "[sample] women": (0, MAX_QUOTA),
    "[sample] men": (0, MAX_QUOTA),
    "[sample] reserves": (0, MAX_QUOTA),
    "[sample] min_age": (0, 120),
    "[database] busy_timeout_ms": (0, 600_000),  # ten minutes
    "[measures] komplettering_days": (1, 365),
    "[measures] rattelse_days": (1, 365),
    "[measures] vite_days": (1, 365),
    "[export] min_cell": (2, 100),  # below 2, --publish would hide nothing
    "[security] idle_lock_minutes": (0, MAX_IDLE_LOCK_MINUTES),
    "women": (0, MAX_QUOTA),  # a district's own quota
    "men": (0, MAX_QUOTA),
}


class ConfigError(ValueError):
    """A configuration file that cannot be used; the message is for the user."""


@dataclass(frozen=True)
class District:
    name: str
    code: str
    women: int | None = None
    men: int | None = None


@dataclass(frozen=True)
class DatabaseSettings:
    path: str = "~/.local/share/granska/granska.db"
    busy_timeout_ms: int = 5000
    group: str = ""

    @property
    def resolved_path(self) -> Path:
        return Path(self.path).expanduser()


@dataclass(frozen=True)
class ProtocolSettings:
    default: str = "boendestod_sol"
    paths: tuple[str, ...] = ()


@dataclass(frozen=True)
class SampleSettings:
    per_district: int = 20
    women: int = 10
    men: int = 10
    seed: int = 2022
    reserves: int = 5
    shortfall: str = "fill_other_gender"
    insats: tuple[str, ...] = ("boendestöd",)
    decision_from: dt.date = dt.date(2022, 1, 1)
    decision_to: dt.date = dt.date(2022, 12, 31)
    min_age: int = 18


@dataclass(frozen=True)
class TallySettings:
    # Which review states the tallies and exports count (store.review_states.COUNTING):
    # "complete_or_approved" or "approved_only".
    counted: str = "complete_or_approved"


@dataclass(frozen=True)
class MeasureSettings:
    """Days a provider is given to answer a step of the ladder (the reports print none:
    "inom en förutbestämd tidsram"), used when ``measure add`` has no ``--due``."""

    komplettering_days: int = 30
    rattelse_days: int = 30
    vite_days: int = 30

    def deadline_days(self, kind: str) -> int | None:
        return getattr(self, f"{kind}_days", None)


@dataclass(frozen=True)
class ExportSettings:
    min_cell: int = 3  # --publish shows counts from 1 to min_cell - 1 as "<min_cell"


@dataclass(frozen=True)
class SecuritySettings:
    # Minutes without a key or mouse event before the app locks its screen; 0: never.
    # A fraction is allowed (0.5 is thirty seconds).
    idle_lock_minutes: float = 10.0


@dataclass(frozen=True)
class RoleSettings:
    supervisors: tuple[str, ...] = ()
    inspectors: tuple[str, ...] = ()
    trainers: tuple[str, ...] = ()


DEFAULT_DISTRICTS = (
    District("Hägersten-Älvsjö", "HÄ"),
    District("Hässelby-Vällingby", "HV"),
    District("Skarpnäck", "SK"),
    District("Södermalm", "SÖ"),
)


@dataclass(frozen=True)
class Config:
    language: str = "sv"
    database: DatabaseSettings = field(default_factory=DatabaseSettings)
    protocol: ProtocolSettings = field(default_factory=ProtocolSettings)
    sample: SampleSettings = field(default_factory=SampleSettings)
    districts: tuple[District, ...] = DEFAULT_DISTRICTS
    roles: RoleSettings = field(default_factory=RoleSettings)
    tallies: TallySettings = field(default_factory=TallySettings)
    measures: MeasureSettings = field(default_factory=MeasureSettings)
    export: ExportSettings = field(default_factory=ExportSettings)
    security: SecuritySettings = field(default_factory=SecuritySettings)
    source: str = "shipped defaults"

    @property
    def district_names(self) -> list[str]:
        return [d.name for d in self.districts]

    def quota(self, district: str) -> tuple[int, int]:
        """(women, men) wanted in a district."""
        for d in self.districts:
            if d.name == district:
                return (
                    d.women if d.women is not None else self.sample.women,
                    d.men if d.men is not None else self.sample.men,
                )
        return self.sample.women, self.sample.men


def user_config_path() -> Path:
    from platformdirs import user_config_dir

    return Path(user_config_dir("granska")) / "config.toml"


def discover(explicit: str | Path | None = None) -> Config:
    """The configuration in force, following the documented order."""
    if explicit is not None:
        path = Path(explicit).expanduser()
        if path.is_dir():
            raise ConfigError(f"{path}: is a folder; give the config.toml file to --config")
        if not path.is_file():
            raise ConfigError(f"{path}: no such config file; check the --config path")
        return load(path)
    for candidate in (Path("config.toml"), user_config_path()):
        if candidate.is_file():
            return load(candidate)
    return Config()


def load(path: Path) -> Config:
    import tomllib  # only when there is a file: most starts have none

    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"{path}: invalid TOML: {error}; fix the syntax there") from None
    except UnicodeDecodeError:
        raise ConfigError(f"{path}: not UTF-8 text; save it as UTF-8") from None
    except OSError as error:
        raise ConfigError(f"{path}: cannot be read ({error.strerror})") from None
    return from_dict(raw, str(path))


def from_dict(raw: dict[str, Any], source: str) -> Config:
    base = Config()
    _unknown(raw, {f.name for f in fields(Config)} - {"source"}, "", source)
    language = raw.get("language", base.language)
    if language not in LANGUAGES:
        raise ConfigError(f"{source}: language is '{language}'; use \"sv\" or \"en\"")
    config = replace(
        base,
        language=language,
        database=_section(raw, "database", base.database, source),
        protocol=_section(raw, "protocol", base.protocol, source),
        sample=_section(raw, "sample", base.sample, source),
        roles=_section(raw, "roles", base.roles, source),
        tallies=_section(raw, "tallies", base.tallies, source),
        measures=_section(raw, "measures", base.measures, source),
        export=_section(raw, "export", base.export, source),
        security=_section(raw, "security", base.security, source),
        districts=_districts(raw, base.districts, source),
        source=source,
    )
    _check(config, source)
    return config


def _check(config: Config, source: str) -> None:
    sample = config.sample
    if sample.shortfall not in SHORTFALL_RULES:
        raise ConfigError(
            f"{source}: [sample] shortfall is '{sample.shortfall}'; "
            f"use one of: {', '.join(SHORTFALL_RULES)}"
        )
    from store.review_states import COUNTING

    if config.tallies.counted not in COUNTING:
        raise ConfigError(
            f"{source}: [tallies] counted is '{config.tallies.counted}'; "
            f"use one of: {', '.join(COUNTING)}"
        )
    if sample.decision_from > sample.decision_to:
        raise ConfigError(f"{source}: [sample] decision_from is after decision_to")
    for name in ("seed", "per_district", "women", "men", "reserves", "min_age"):
        _bounded(getattr(sample, name), f"[sample] {name}", source)
    _bounded(config.database.busy_timeout_ms, "[database] busy_timeout_ms", source)
    for measure in fields(MeasureSettings):
        _bounded(getattr(config.measures, measure.name), f"[measures] {measure.name}", source)
    _bounded(config.export.min_cell, "[export] min_cell", source)
    _bounded(config.security.idle_lock_minutes, "[security] idle_lock_minutes", source)
    if not config.districts:
        raise ConfigError(f"{source}: no [[districts]]; name at least one district")
    if len(config.districts) > MAX_DISTRICTS:
        raise ConfigError(f"{source}: {len(config.districts)} [[districts]]; at most "
                          f"{MAX_DISTRICTS} are allowed, so remove some")
    names = [d.name for d in config.districts]
    for name in names:
        if names.count(name) > 1:
            raise ConfigError(f"{source}: district '{name}' is listed twice")


def _section(raw: dict, name: str, default: Any, source: str) -> Any:
    if name not in raw:
        return default
    table = raw[name]
    if not isinstance(table, dict):
        raise ConfigError(f"{source}: '{name}' must be a table ([{name}])")
    known = {f.name: f for f in fields(default)}
    _unknown(table, set(known), f"[{name}] ", source)
    values = {
        key: _typed(value, getattr(default, key), f"[{name}] {key}", source)
        for key, value in table.items()
    }
    return replace(default, **values)


def _districts(raw: dict, default: tuple[District, ...], source: str) -> tuple[District, ...]:
    if "districts" not in raw:
        return default
    entries = raw["districts"]
    if not isinstance(entries, list):
        raise ConfigError(f"{source}: 'districts' must be an array of tables ([[districts]])")
    result = []
    for index, entry in enumerate(entries, start=1):
        where = f"[[districts]] number {index}"
        if not isinstance(entry, dict):
            raise ConfigError(f"{source}: {where} must be a table with name and code")
        _unknown(entry, {"name", "code", "women", "men"}, f"{where}: ", source)
        name = entry.get("name")
        if not isinstance(name, str) or not name.strip():
            raise ConfigError(f"{source}: {where} needs name = \"...\" (text)")
        code = entry.get("code", name[:2].upper())
        if not isinstance(code, str) or not code.strip():
            raise ConfigError(f"{source}: {where} code must be text")
        quota = {}
        for key in ("women", "men"):
            if key in entry:
                value = entry[key]
                if isinstance(value, bool) or not isinstance(value, int):
                    raise ConfigError(f"{source}: {where} {key} must be a whole number")
                quota[key] = _bounded(value, key, source, where=f"{where} {key}")
        result.append(District(name.strip(), code.strip(), **quota))
    return tuple(result)


def _bounded(value: _Number, key: str, source: str, *, where: str | None = None) -> _Number:
    """``value`` if it lies within ``BOUNDS[key]`` (never NaN); else ConfigError naming
    the key."""
    low, high = BOUNDS[key]
    if not low <= value <= high:
        raise ConfigError(f"{source}: {where or key} must be from {low} to {high}; "
                          "change it there")
    return value


def in_bounds(value: float, key: str) -> bool:
    low, high = BOUNDS[key]
    return low <= value <= high


def _typed(value: Any, default: Any, where: str, source: str) -> Any:
    """Check ``value`` has the type of the default it replaces."""
    expected = type(default)
    if isinstance(default, bool):
        ok = isinstance(value, bool)
        name = "true or false"
    elif isinstance(default, int):
        ok = isinstance(value, int) and not isinstance(value, bool)
        name = "a whole number"
    elif isinstance(default, float):
        ok = isinstance(value, int | float) and not isinstance(value, bool)
        name = "a number (like 10 or 0.5)"
        if ok:
            return float(value)
    elif isinstance(default, dt.date):
        ok = isinstance(value, dt.date) and not isinstance(value, dt.datetime)
        name = "a date like 2022-01-01 (no quotes)"
    elif isinstance(default, tuple):
        ok = isinstance(value, list) and all(isinstance(v, str) for v in value)
        name = "a list of text, like [\"a\", \"b\"]"
        if ok:
            return tuple(value)
    else:
        ok = isinstance(value, expected)
        name = "text in quotes"
    if not ok:
        raise ConfigError(f"{source}: {where} must be {name}, not {value!r}")
    return value


def _unknown(raw: dict, allowed: set[str], prefix: str, source: str) -> None:
    extra = sorted(set(raw) - allowed)
    if extra:
        raise ConfigError(
            f"{source}: {prefix}unknown key '{extra[0]}'; known keys: {', '.join(sorted(allowed))}"
        )
