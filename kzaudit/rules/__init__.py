"""The rule registry: rule id -> module.  The core iterates it with no special cases.

Every module in this package except ``base`` is a rule.  A rule module declares
``ID`` (kebab-case), ``GROUP`` (dates | names | figures | mechanics), ``SEVERITY``,
``SUMMARY`` (one line), optional ``OPTIONS`` (defaults, overridable from config)
and ``check(doc, ctx)`` yielding ``Finding``s.  Its module docstring is the user
documentation that ``kzaudit explain`` prints: *What it does*, *Why is this bad?*,
*Example*, *Use instead*.
"""

from __future__ import annotations

import importlib
import pkgutil
from functools import cache
from types import ModuleType

GROUP_ORDER = ("dates", "names", "figures", "mechanics")
_NOT_RULES = frozenset({"base"})


@cache
def all_rules() -> dict[str, ModuleType]:
    """Every rule module keyed by id, in catalogue order (group, then id)."""
    modules = [
        importlib.import_module(f"{__name__}.{info.name}")
        for info in pkgutil.iter_modules(__path__)
        if info.name not in _NOT_RULES and not info.name.startswith("_")
    ]
    modules.sort(key=lambda m: (GROUP_ORDER.index(m.GROUP), m.ID))
    return {m.ID: m for m in modules}


def get_rule(rule_id: str) -> ModuleType | None:
    return all_rules().get(rule_id)
