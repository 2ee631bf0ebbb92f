"""``document``: the hook for coded checks that need the whole document, not one pattern.

A rule names a detector (``detector = "duplicate-paragraph"``) and may pass it
``options``; the detector is a generator registered in :mod:`linter.detectors`.
The rule still carries its code, message, why and examples in the pack, so
coded checks share the catalogue, the docs and the example runner with the rest.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from ..detectors import DETECTORS, load_detectors
from ..model import Diagnostic
from ..registry import Check, RuleDefinitionError, register
from ..segments import Document


@register
class DocumentCheck(Check):
    """Run a registered detector over the :class:`Document`."""

    name = "document"
    PARAMS = {"detector": (str, True), "options": (dict, False)}

    def __init__(self, rule: Any, params: Mapping[str, Any]) -> None:
        super().__init__(rule, params)
        load_detectors()
        detector = DETECTORS.get(params["detector"])
        if detector is None:
            known = ", ".join(sorted(DETECTORS))
            raise RuleDefinitionError(f"unknown detector {params['detector']!r} (known: {known})")
        options = dict(params.get("options", {}))
        unknown = set(options) - set(detector.defaults)
        if unknown:
            raise RuleDefinitionError(f"unknown option {sorted(unknown)[0]!r} for detector {detector.name!r}")
        for key, value in options.items():
            default = detector.defaults[key]
            if type(value) is not type(default) and not (isinstance(default, float) and type(value) is int):
                raise RuleDefinitionError(f"option {key!r} must be of type {type(default).__name__}")
        self.detector = detector
        self.options = {**detector.defaults, **options}
        self.skips_protected = detector.skips_protected

    def run(self, doc: Document) -> Iterator[Diagnostic]:
        return self.detector.function(doc, self.rule, self.options)
