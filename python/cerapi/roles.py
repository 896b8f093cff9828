"""CER roles (``/cerappservices/service/userrole``): ``client.roles`` and its async twin."""

from __future__ import annotations

from typing import Any, Dict, Iterable, List, Mapping, Optional, Tuple, Union, cast

from . import _native
from ._args import check_name, name_args, name_list, optional_str
from .models import BulkResult, ItemResult, Role, WriteResult

__all__ = ["PERMISSIONS", "AsyncRoles", "Permissions", "Roles"]

PERMISSIONS: Tuple[str, ...] = tuple(_native.PERMISSIONS)
"""The display names of the 53 resource permissions a CER role can grant, such as
``"Access Point"`` and ``"CPU & Memory Usage"``, in the order of Cisco's request samples."""

Permissions = Union[Iterable[str], Mapping[str, bool]]
"""Permission names, or a mapping of permission name to True (granted) or False (not granted)."""


class Roles:
    """Role operations of a ``Client``, reached as ``client.roles``.

    A role is a set of resource permissions. Users get roles through the user
    groups they are in (``client.groups``). CER identifies roles by name. The
    seven standard roles, such as ``"CER System Admin"``, cannot be updated or
    deleted.

    Permission names may be CER's display names (``"Access Point"``, listed in
    ``cerapi.PERMISSIONS``), their snake_case forms (``"access_point"``) or
    CER's request flags (``"AccessPoint"``). Responses always use display names.
    """

    __slots__ = ("_native",)

    def __init__(self, native: _native.Client) -> None:
        self._native = native

    def list(self) -> List[Role]:
        """List every role (``GET /userrole``), with its permissions."""
        return cast(List[Role], self._native.call("roles.list", {}))

    def get(self, name: str) -> Role:
        """Get one role by name (``GET /userrole?userRoleName=...``).

        Raises:
            NotFoundError: no role has this name.
        """
        return cast(Role, self._native.call("roles.get", name_args(name)))

    def create(
        self,
        name: str,
        *,
        description: str = "",
        permissions: Permissions = (),
        select_all: bool = False,
    ) -> WriteResult:
        """Create a role (``POST /userrole/``) and return CER's result.

        The request carries the description and every one of the 53 permission
        flags, ``Y`` for a granted permission and empty for the others, as
        Cisco's samples do. CER returns status ``"Success"`` and a message that
        lists the permissions the role got.

        Args:
            name: the new role's name; it must not be the name of a standard role.
            description: the role's description.
            permissions: the permissions to grant: an iterable of names, or a
                mapping of name to bool where True grants the permission.
            select_all: grant every permission (CER's ``selectAllResourceGroups``),
                whatever ``permissions`` says.

        Raises:
            ValueError: the name is empty or a permission name is unknown.
            TypeError: an argument has the wrong type.
            BadRequestError: CER rejected the role, for example because the name exists.
        """
        args = _role_args(name, description, permissions, select_all)
        return cast(WriteResult, self._native.call("roles.create", args))

    def update(
        self,
        name: str,
        *,
        description: Optional[str] = None,
        permissions: Optional[Permissions] = None,
        select_all: bool = False,
    ) -> WriteResult:
        """Update a custom role (``PUT /userrole/``) and return CER's result.

        A description that is None is not sent. Given ``permissions`` replace the
        role's permissions: every flag is sent, ``Y`` or empty. With
        ``permissions=None`` no flag is sent; the simulator then keeps the
        current permissions. ``result.extra["changeRequested"]`` contains CER's
        description and permissions before and after the change.

        NOTE: Cisco does not document whether CER keeps the permissions when no
        flag is sent, and its XML update sample, which sends every flag empty,
        is answered with a role that still has seven permissions.

        Args:
            name: the name of the role to change.
            description: the new description.
            permissions: the new permissions, in the forms ``create`` takes.
            select_all: grant every permission.

        Raises:
            BadRequestError: the role is standard (the simulator returns HTTP 400;
                CER's exact response is not published).
            NotFoundError: no role has this name.
        """
        args = _role_args(name, description, permissions, select_all)
        return cast(WriteResult, self._native.call("roles.update", args))

    def delete(self, name: str) -> ItemResult:
        """Delete one role (``DELETE /userrole?userRoleName=...``) and return its outcome.

        CER also removes the role from every user group that has it.

        Raises:
            OperationFailedError: CER reported that the deletion failed, for a
                standard role or a role that does not exist.
        """
        return cast(ItemResult, self._native.call("roles.delete", name_args(name)))

    def delete_many(self, names: Iterable[str]) -> BulkResult:
        """Delete several roles in one request (``DELETE /userrole/``).

        Returns one ``ItemResult`` per name, in CER's order. A name that CER
        could not delete, including an empty name, is reported as a failed item,
        not raised: check ``result.ok`` or ``result.failed``.
        """
        args = _names_args(names)
        return cast(BulkResult, self._native.call("roles.delete_many", args))


class AsyncRoles:
    """Role operations of an ``AsyncClient``, reached as ``client.roles``.

    The methods match those of ``Roles`` and are coroutines.
    """

    __slots__ = ("_native",)

    def __init__(self, native: _native.Client) -> None:
        self._native = native

    async def list(self) -> List[Role]:
        """List every role (``GET /userrole``), with its permissions."""
        return cast(List[Role], await self._native.call_async("roles.list", {}))

    async def get(self, name: str) -> Role:
        """Get one role by name (``GET /userrole?userRoleName=...``).

        Raises:
            NotFoundError: no role has this name.
        """
        return cast(Role, await self._native.call_async("roles.get", name_args(name)))

    async def create(
        self,
        name: str,
        *,
        description: str = "",
        permissions: Permissions = (),
        select_all: bool = False,
    ) -> WriteResult:
        """Create a role (``POST /userrole/``). The arguments are those of ``Roles.create``."""
        args = _role_args(name, description, permissions, select_all)
        return cast(WriteResult, await self._native.call_async("roles.create", args))

    async def update(
        self,
        name: str,
        *,
        description: Optional[str] = None,
        permissions: Optional[Permissions] = None,
        select_all: bool = False,
    ) -> WriteResult:
        """Update a custom role (``PUT /userrole/``), as ``Roles.update`` describes."""
        args = _role_args(name, description, permissions, select_all)
        return cast(WriteResult, await self._native.call_async("roles.update", args))

    async def delete(self, name: str) -> ItemResult:
        """Delete one role (``DELETE /userrole?userRoleName=...``) and return its outcome.

        Raises:
            OperationFailedError: CER reported that the deletion failed.
        """
        return cast(ItemResult, await self._native.call_async("roles.delete", name_args(name)))

    async def delete_many(self, names: Iterable[str]) -> BulkResult:
        """Delete several roles in one request (``DELETE /userrole/``), one outcome per name."""
        args = _names_args(names)
        return cast(BulkResult, await self._native.call_async("roles.delete_many", args))


def _names_args(names: Iterable[str]) -> Dict[str, Any]:
    # Cisco's sample sends an empty name, and CER reports it as a failed item.
    return {"names": name_list(names, "names", "role", allow_blank_names=True)}


def _permission_key(name: str) -> str:
    """Reduce a permission name to lower-case letters and digits, as the native core does."""
    return "".join(char for char in name.lower() if char.isascii() and char.isalnum())


_PERMISSION_KEYS = frozenset(_permission_key(name) for name in PERMISSIONS)


def _granted_permissions(permissions: Mapping[str, bool]) -> List[str]:
    granted: List[str] = []
    unknown: List[str] = []
    for name, selected in permissions.items():
        check_name(name, "each key of permissions")
        if not isinstance(selected, bool):
            raise TypeError(f"permissions[{name!r}] must be a bool, got {type(selected).__name__}")
        if selected:
            # The native core checks the granted names and resolves every spelling.
            granted.append(name)
        elif _permission_key(name) not in _PERMISSION_KEYS:
            # NOTE: names that are not granted are matched against display names only,
            # so the request flag "SNMPV1V2configuration" is unknown here, unlike in a list.
            unknown.append(name)
    if unknown:
        raise ValueError(
            f"unknown permission(s) {unknown!r}: use CER's names such as 'Access Point' "
            "or 'ERL' (cerapi.PERMISSIONS lists them all)"
        )
    return granted


def _permission_names(permissions: Optional[Permissions]) -> Optional[List[str]]:
    if permissions is None:
        return None
    if isinstance(permissions, (str, bytes)):
        raise TypeError(
            "permissions must be a list of permission names or a dict of name to bool, "
            "not a single str"
        )
    if isinstance(permissions, Mapping):
        return _granted_permissions(permissions)
    return name_list(permissions, "permissions", "permission", allow_empty_list=True)


def _role_args(
    name: str,
    description: Optional[str],
    permissions: Optional[Permissions],
    select_all: bool,
) -> Dict[str, Any]:
    if not isinstance(select_all, bool):
        raise TypeError(f"select_all must be a bool, got {type(select_all).__name__}")
    return {
        "name": check_name(name, "name"),
        "description": optional_str(description, "description"),
        "permissions": _permission_names(permissions),
        "select_all": select_all,
    }
