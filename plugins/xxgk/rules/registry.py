"""One registry of the gate's rules, the way ruff registers its checks.

A rule is a function ``check(ctx) -> iterable of Problem`` in its own module under
``rules/checks/``, decorated with ``@rule(code, name, doc)``. Adding a rule touches that one
file: the package imports every module in ``checks/`` and the decorator registers it.
"""

from __future__ import annotations

import importlib
import pkgutil
from dataclasses import dataclass
from typing import Callable, Iterable

from ..core.problems import ERROR, Code, Problem, register


@dataclass(frozen=True)
class Rule:
    code: str
    name: str  # 中文名称
    doc: str  # one line: when it fires
    severity: str  # default; policy.yml `severity:` overrides
    needs_git: bool
    check: Callable[..., Iterable[Problem]]


RULES: dict[str, Rule] = {}


def rule(code: str, name: str, doc: str, *, severity: str = ERROR, needs_git: bool = False):
    def decorate(check):
        if code in RULES:
            raise ValueError(f"rule registered twice: {code}")
        register(Code(code, name, doc))
        RULES[code] = Rule(code, name, doc, severity, needs_git, check)
        return check

    return decorate


def load_all() -> dict[str, Rule]:
    from . import checks

    for module in pkgutil.iter_modules(checks.__path__):
        importlib.import_module(f"{checks.__name__}.{module.name}")
    return RULES
