"""Configuration files: ``[tool.newslint]`` in ``pyproject.toml``, ``newslint.toml`` or ``.newslint.toml``.

Found per file, as ruff does: the nearest one at or above the file's folder (in a folder
with several, ``newslint.toml`` > ``.newslint.toml`` > ``pyproject.toml`` with a
``[tool.newslint]`` table); a file with none above it gets the one found from the
working directory. ``--config`` names one for every file, ``--isolated`` ignores them.
Every key is checked: an unknown key or a bad value is one line naming the file and
the key, exit 2.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import ConfigError
from .language import parse_languages
from .model import Severity
from .results import DEFAULT_FAIL_ON, FAIL_ON
from .sources.discover import DEFAULT_INCLUDE
from .sources.fields import DEFAULT_NAMING
from .sources.pathmatch import PathPatterns

FILE_NAMES = ("newslint.toml", ".newslint.toml", "pyproject.toml")


@dataclass(frozen=True)
class Settings:
    """The effective configuration of a run: file values, then command-line flags on top."""

    path: Path | None = None
    select: tuple[str, ...] | None = None
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    per_file_ignores: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    severity: Mapping[str, Severity] = field(default_factory=dict)
    fail_on: str = DEFAULT_FAIL_ON
    include: PathPatterns = PathPatterns(DEFAULT_INCLUDE)
    exclude: PathPatterns = PathPatterns()
    #: Also skip excluded paths named on the command line (pre-commit passes every file by name).
    force_exclude: bool = False
    vocabulary: tuple[str, ...] = ()
    rules_dir: tuple[Path, ...] = ()
    text_field: str = "text"
    id_field: str | None = None
    #: The languages whose rules run (empty: auto, every language a pack has).
    languages: tuple[str, ...] = ()
    #: Data files: the field holding each record's language, used instead of detection.
    language_field: str | None = None
    grammar: bool = False
    grammar_server: str | None = None
    preview: bool = False
    #: The file's own rule selectors by key (``ignore``, ``per-file-ignores.<glob>``, ``severity``), to name them in errors.
    selectors: tuple[tuple[str, tuple[str, ...]], ...] = ()

    @property
    def root(self) -> str | None:
        """The folder the file's path patterns are relative to (``None``: the working directory)."""
        return os.path.dirname(os.path.abspath(self.path)) if self.path else None

    def as_toml(self) -> str:
        """The settings as a ``[tool.newslint]``-style TOML table (``newslint config``).

        Saved as ``newslint.toml`` it loads again as the same settings: what is not set
        (``select`` by default, the optional fields) is written as a comment saying so.
        """
        lines = [f"# from {self.path}" if self.path else "# no configuration file found; defaults"]
        for key, value in self.public().items():
            lines.append(f"# {key}: not set ({value.default})" if isinstance(value, _Unset) else f"{key} = {_toml_value(value)}")
        return "\n".join(lines) + "\n"

    def public(self) -> dict[str, Any]:
        """Each setting under its configuration key; an unset optional one as ``_Unset``."""
        return {
            "select": list(self.select) if self.select is not None else _Unset("every stable rule"),
            "extend-select": list(self.extend_select),
            "ignore": list(self.ignore),
            "per-file-ignores": {k: list(v) for k, v in self.per_file_ignores.items()},
            "severity": {k: v.label for k, v in self.severity.items()},
            "fail-on": self.fail_on,
            "include": list(self.include.patterns),
            "exclude": list(self.exclude.patterns),
            "force-exclude": self.force_exclude,
            "vocabulary": list(self.vocabulary),
            "rules-dir": [str(p) for p in self.rules_dir],
            "text-field": self.text_field,
            "id-field": self.id_field or _Unset(DEFAULT_NAMING),
            "language": ",".join(self.languages) or "auto",
            "language-field": self.language_field or _Unset("each record's language is detected"),
            "grammar": self.grammar,
            "grammar-server": self.grammar_server or _Unset("LanguageTool's default"),
            "preview": self.preview,
        }


@dataclass(frozen=True)
class _Unset:
    """An optional setting left out of the configuration, and what applies instead."""

    default: str


def _toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    if isinstance(value, list):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{ " + ", ".join(f"{_toml_value(k)} = {_toml_value(v)}" for k, v in value.items()) + " }"
    return str(value)


def find_config(start: Path) -> Path | None:
    """The nearest configuration file at or above ``start`` (one lookup; :class:`Discovery` remembers them)."""
    for folder in (start, *start.parents):
        found = _config_in(folder)
        if found is not None:
            return found
    return None


def _config_in(folder: Path) -> Path | None:
    """The configuration file of ``folder`` itself, if it has one."""
    for name in FILE_NAMES:
        candidate = folder / name
        if candidate.is_file() and (name != "pyproject.toml" or _has_tool_table(candidate)):
            return candidate
    return None


def _has_tool_table(path: Path) -> bool:
    """Whether ``pyproject.toml`` configures newslint. One that does not parse counts when its text
    names ``tool.newslint``: :func:`load_settings` then reports the error instead of the run
    silently dropping the project's rule selection; any other broken one is not newslint's."""
    import tomllib  # here, not at import: most runs read no configuration file (tomllib costs 5 ms)

    try:
        raw = path.read_bytes()
    except OSError:
        return False
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError):
        return b"tool.newslint" in raw
    return isinstance(data.get("tool"), dict) and "newslint" in data["tool"]


def load_settings(path: Path | None) -> Settings:
    """Read and check one configuration file (``None``: the defaults)."""
    if path is None:
        return Settings()
    import tomllib

    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError(f"{path}: configuration file not found") from None
    except (OSError, UnicodeDecodeError) as error:
        raise ConfigError(f"{path}: cannot read: {getattr(error, 'strerror', None) or error}") from None
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"{path}: invalid TOML: {error}") from None
    if path.name == "pyproject.toml":
        data = data.get("tool", {}).get("newslint", {})
    return _parse(path, data)


def _strings(path: Path, key: str, value: Any) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
        raise ConfigError(f"{path}: '{key}' must be a list of strings")
    return tuple(value)


def _parse(path: Path, data: Mapping[str, Any]) -> Settings:
    values: dict[str, Any] = {"path": path}
    selectors: list[tuple[str, tuple[str, ...]]] = []
    lists = {"select": "select", "extend-select": "extend_select", "ignore": "ignore", "vocabulary": "vocabulary"}
    for key, value in data.items():
        if key in ("include", "exclude"):
            values[key] = PathPatterns(_strings(path, key, value), os.path.dirname(os.path.abspath(path)))
        elif key in lists:
            values[lists[key]] = _strings(path, key, value)
            if key != "vocabulary":
                selectors.append((key, values[lists[key]]))
        elif key == "per-file-ignores":
            if not isinstance(value, dict):
                raise ConfigError(f"{path}: 'per-file-ignores' must be a table of glob = [codes]")
            values["per_file_ignores"] = {glob: _strings(path, f"per-file-ignores.{glob}", codes) for glob, codes in value.items()}
            selectors.extend((f"per-file-ignores.{glob}", codes) for glob, codes in values["per_file_ignores"].items())
        elif key == "severity":
            if not isinstance(value, dict):
                raise ConfigError(f"{path}: 'severity' must be a table of CODE = \"error\" | \"warning\" | \"info\"")
            try:
                values["severity"] = {code.upper(): Severity.parse(level) for code, level in value.items() if isinstance(level, str)}
            except ValueError as error:
                raise ConfigError(f"{path}: 'severity': {error}") from None
            if len(values["severity"]) != len(value):
                raise ConfigError(f"{path}: 'severity' values must be strings")
            selectors.append((key, tuple(values["severity"])))
        elif key == "fail-on":
            if value not in FAIL_ON:
                raise ConfigError(f"{path}: 'fail-on' must be one of {', '.join(FAIL_ON)}")
            values["fail_on"] = value
        elif key == "rules-dir":
            dirs = (value,) if isinstance(value, str) else _strings(path, key, value)
            values["rules_dir"] = tuple((path.parent / d).resolve() for d in dirs)
        elif key == "language":
            try:
                values["languages"] = parse_languages(value if isinstance(value, (str, list)) else [])
            except ValueError as error:
                raise ConfigError(f"{path}: 'language': {error}") from None
        elif key in ("text-field", "id-field", "language-field", "grammar-server"):
            if not isinstance(value, str) or not value:
                raise ConfigError(f"{path}: '{key}' must be a non-empty string")
            values[key.replace("-", "_")] = value
        elif key in ("grammar", "preview", "force-exclude"):
            if not isinstance(value, bool):
                raise ConfigError(f"{path}: '{key}' must be true or false")
            values[key.replace("-", "_")] = value
        else:
            raise ConfigError(f"{path}: unknown key '{key}'{_unknown_key_hint(path, key, value)}")
    return Settings(**values, selectors=tuple(selectors))


#: Every key a configuration file may hold (what :func:`_parse` reads), for "did you mean".
KEYS = (
    "include", "exclude", "select", "extend-select", "ignore", "vocabulary", "per-file-ignores", "severity", "fail-on",
    "rules-dir", "language", "text-field", "id-field", "language-field", "grammar-server", "grammar", "preview", "force-exclude",
)  # fmt: skip


def _unknown_key_hint(path: Path, key: str, value: Any) -> str:
    """The closest key, or where a ``[tool.newslint]`` table's keys go in a file that is not ``pyproject.toml``."""
    if key == "tool" and isinstance(value, dict) and "newslint" in value:
        return f" (a [tool.newslint] table is read only in pyproject.toml; in {path.name} its keys go at the top)"
    from .suggest import did_you_mean

    return did_you_mean(key, KEYS)


class Discovery:
    """The settings of every path of a run, each configuration file read once.

    ``adjust`` puts the command-line flags on top of a file's values. With ``config``
    (``--config``) or ``isolated`` (``--isolated``) every path gets the same settings.
    """

    def __init__(self, adjust: Callable[[Settings], Settings] = lambda s: s, *, config: Path | None = None, isolated: bool = False) -> None:
        self._adjust = adjust
        self._fixed = adjust(Settings() if isolated else load_settings(config)) if isolated or config is not None else None
        self._nearest: dict[str, Path | None] = {}
        self._loaded: dict[Path | None, Settings] = {}
        self._fallback = self._find(os.getcwd()) if self._fixed is None else None

    def for_folder(self, folder: str) -> Settings:
        """The settings of the files in ``folder``."""
        if self._fixed is not None:
            return self._fixed
        path = self._find(os.path.abspath(folder)) or self._fallback
        if path not in self._loaded:
            self._loaded[path] = self._adjust(load_settings(path))
        return self._loaded[path]

    def for_path(self, path: str) -> Settings:
        """The settings of a file, or of the files directly in a folder (``-``: the working directory)."""
        if self._fixed is not None:  # every path's, so whether it is a folder need not be asked
            return self._fixed
        if path == "-" or os.path.isdir(path):
            return self.for_folder(path if path != "-" else os.curdir)
        return self.for_file(path)

    def for_file(self, path: str) -> Settings:
        """The settings of a path known not to be a folder (one discovery found): :meth:`for_path` without asking the file system."""
        return self.for_folder(os.path.dirname(os.path.abspath(path)))

    def _find(self, folder: str) -> Path | None:
        """The nearest configuration file at or above ``folder`` (absolute), remembered per folder."""
        if folder not in self._nearest:
            own = _config_in(Path(folder))
            parent = os.path.dirname(folder)
            self._nearest[folder] = own if own is not None or parent == folder else self._find(parent)
        return self._nearest[folder]
