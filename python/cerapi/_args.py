"""Argument checks shared by the operation classes. They run before any request is sent."""

from __future__ import annotations

from typing import Any, Dict, Iterable, List


def check_name(name: Any, field: str) -> str:
    """Return ``name`` if it is a non-blank str; raise TypeError or ValueError naming ``field``."""
    if not isinstance(name, str):
        raise TypeError(f"{field} must be a str, got {type(name).__name__}")
    if not name.strip():
        raise ValueError(f"{field} is empty")
    return name


def name_args(name: str) -> Dict[str, Any]:
    return {"name": check_name(name, "name")}


def name_list(
    names: Iterable[str],
    field: str,
    object_type: str,
    *,
    allow_empty_list: bool = False,
    allow_blank_names: bool = False,
) -> List[str]:
    """Return ``names`` as a list of str, checked as ``field`` (a list of ``object_type`` names).

    A single str is rejected, because iterating it would send one name per character.
    """
    if isinstance(names, (str, bytes)):
        raise TypeError(f"{field} must be a list of {object_type} names, not a single str")
    try:
        items = list(names)
    except TypeError:
        raise TypeError(
            f"{field} must be a list of {object_type} names, got {type(names).__name__}"
        ) from None

    checked: List[str] = []
    for name in items:
        if allow_blank_names and isinstance(name, str):
            checked.append(name)
        else:
            checked.append(check_name(name, f"each name in {field}"))
    if not checked and not allow_empty_list:
        raise ValueError(f"{field} is empty: pass at least one {object_type} name")
    return checked


def optional_str(value: Any, field: str) -> Any:
    """Return ``value`` if it is None or a str; raise TypeError naming ``field`` otherwise."""
    if value is not None and not isinstance(value, str):
        raise TypeError(f"{field} must be a str, got {type(value).__name__}")
    return value
