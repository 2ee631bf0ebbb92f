"""The one way a module finds its optional compiled twin (a Cython kernel built by ``pip install`` where a C compiler exists).

Imported by name (``importlib``), not ``from . import``: the import contracts would read that as
importing the whole package. No newslint module is imported here, so :mod:`linter.kernels`
(``--version``) still loads a kernel's module only when asked for.
"""

from __future__ import annotations

import importlib
from typing import Any, Literal


def compiled_twin(name: str) -> tuple[Any, Literal["compiled", "pure"]]:
    """The extension module ``name`` and ``"compiled"`` where it was built, else ``None`` and ``"pure"`` (silently).

    Only ``ImportError`` means "not built": a missing module raises ``ModuleNotFoundError``, and a
    broken one (another platform's, truncated, or built against a Python that lacks one of its
    symbols) raises ``ImportError`` from the loader too; anything else is a fault to show.
    """
    try:
        return importlib.import_module(name), "compiled"
    except ImportError:
        return None, "pure"
