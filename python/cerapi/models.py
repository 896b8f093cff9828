"""Result types of cerapi: dataclasses with snake_case fields.

The native core builds these objects from CER's JSON or XML, so list fields are
always lists and flags are always bools, whatever spelling CER sent.
"""

from __future__ import annotations

import dataclasses
import sys
from typing import Any, Dict, Iterator, List, Optional, TypeVar

__all__ = ["User", "WriteResult", "ItemResult", "BulkResult"]

_T = TypeVar("_T")


def _model(cls: type[_T]) -> type[_T]:
    # slots=True needs Python 3.10; on 3.9 the classes are plain dataclasses.
    if sys.version_info >= (3, 10):
        return dataclasses.dataclass(slots=True)(cls)  # type: ignore[call-overload,no-any-return]
    return dataclasses.dataclass(cls)


class _Model:
    __slots__ = ()

    def to_dict(self) -> Dict[str, Any]:
        """Return the fields as a plain dict, nested results included."""
        return dataclasses.asdict(self)  # type: ignore[call-overload,no-any-return]


@_model
class User(_Model):
    """A CER user as returned by ``GET /user``.

    ``auth_mode`` is ``"Local"``, ``"Remote"`` or ``"IdP"`` (CER's
    ``isRemoteAuth`` 0, 1 or 2). ``groups`` and ``roles`` name the user groups
    the user is in and the roles those groups give. ``extra`` keeps every
    field CER sent that cerapi does not model, under CER's own name.
    """

    user_name: str
    pkid: str = ""
    is_standard: bool = False
    auth_mode: str = "Local"
    groups: List[str] = dataclasses.field(default_factory=list)
    roles: List[str] = dataclasses.field(default_factory=list)
    publisher_url: Optional[str] = None
    subscriber_url: Optional[str] = None
    extra: Dict[str, Any] = dataclasses.field(default_factory=dict)


@_model
class WriteResult(_Model):
    """CER's answer to a create or update.

    ``status`` is CER's status text (``"AddSuccess"``, ``"UpdateSuccess"``,
    ``"Success"``); ``links`` lists the object's URLs on the publisher and the
    subscriber as CER sent them.
    """

    status: str
    pkid: Optional[str] = None
    message: Optional[str] = None
    links: List[str] = dataclasses.field(default_factory=list)
    extra: Dict[str, Any] = dataclasses.field(default_factory=dict)


@_model
class ItemResult(_Model):
    """The outcome of one name in a bulk operation."""

    name: str
    ok: bool
    status: str = ""
    message: str = ""

    def __str__(self) -> str:
        outcome = "ok" if self.ok else "failed"
        detail = f": {self.message}" if self.message else ""
        return f"{self.name}: {outcome}{detail}"


@_model
class BulkResult(_Model):
    """The outcome of a bulk operation, one ``ItemResult`` per requested name.

    CER reports per-item failures inside an HTTP 200 answer, so a
    ``BulkResult`` is returned even when some items failed: check ``ok``.
    """

    status: str
    items: List[ItemResult] = dataclasses.field(default_factory=list)

    @property
    def ok(self) -> bool:
        """True when every item succeeded."""
        return all(item.ok for item in self.items)

    @property
    def succeeded(self) -> List[ItemResult]:
        """The items that succeeded."""
        return [item for item in self.items if item.ok]

    @property
    def failed(self) -> List[ItemResult]:
        """The items that failed."""
        return [item for item in self.items if not item.ok]

    def __iter__(self) -> Iterator[ItemResult]:
        return iter(self.items)

    def __len__(self) -> int:
        return len(self.items)

    def __str__(self) -> str:
        lines = [f"{len(self.succeeded)} of {len(self.items)} succeeded ({self.status})"]
        lines.extend(f"  {item}" for item in self.items)
        return "\n".join(lines)


