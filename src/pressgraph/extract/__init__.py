"""Extraction: one module per fact family, each returning typed records (``pressgraph.model``).

This package is also the library's ``extract`` function (``from pressgraph import extract``):
calling it reads and extracts a release file, as :func:`pressgraph.library.extract` does. A
package and a function cannot otherwise share the name ``pressgraph.extract``: the first import
of the package would replace the function on ``pressgraph``.
"""

from __future__ import annotations

import sys
import types
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pressgraph.library import Extracted


class _ExtractPackage(types.ModuleType):
    """The package, callable as :func:`pressgraph.library.extract`."""

    def __call__(self, path: str | Path) -> Extracted:
        from pressgraph.library import extract

        return extract(path)


sys.modules[__name__].__class__ = _ExtractPackage
