"""CER user groups (``/cerappservices/service/usergroup``): ``client.groups`` and its async twin."""

from __future__ import annotations

from typing import Any, Dict, Iterable, List, Optional, cast

from . import _native
from ._args import check_name, name_args, name_list, optional_str
from .models import BulkResult, ItemResult, UserGroup, WriteResult

__all__ = ["AsyncGroups", "Groups"]


class Groups:
    """User group operations of a ``Client``, reached as ``client.groups``.

    A user group contains users and roles, and every user in it gets its roles.
    CER identifies groups by name. The seven standard groups, such as
    ``"CER System Administrator"``, cannot be deleted, and CER keeps their roles
    when they are updated.

    NOTE: Cisco does not document whether an update replaces the group's users
    and roles or adds to them, nor how to remove a member. The simulator
    replaces them. The membership methods (``add_users``, ``remove_roles``, ...)
    send the full new list and read the group back, so they raise instead of
    reporting a change that CER did not make.
    """

    __slots__ = ("_native",)

    def __init__(self, native: _native.Client) -> None:
        self._native = native

    def list(self) -> List[UserGroup]:
        """List every user group (``GET /usergroup``), with its users and roles."""
        return cast(List[UserGroup], self._native.call("groups.list", {}))

    def get(self, name: str) -> UserGroup:
        """Get one user group by name (``GET /usergroup?userGroupName=...``).

        Raises:
            NotFoundError: no user group has this name.
        """
        return cast(UserGroup, self._native.call("groups.get", name_args(name)))

    def create(
        self,
        name: str,
        *,
        description: str = "",
        users: Iterable[str] = (),
        roles: Iterable[str] = (),
    ) -> WriteResult:
        """Create a user group (``POST /usergroup``) and return CER's result (``AddSuccess``).

        The request carries the description and both lists, as Cisco's sample does.

        Args:
            name: the new group's name.
            description: the group's description.
            users: names of CER users to put in the group.
            roles: names of roles to assign to the group.

        Raises:
            ValueError: the name or a name in a list is empty.
            TypeError: an argument has the wrong type, such as a single str for a list.
            BadRequestError: CER rejected the group, for example because the name exists.
            OperationFailedError: CER created the group but left out users or roles
                it does not know; the message names them. The group exists then.

        When users or roles are given, the group is read back after the create,
        because CER accepts unknown names and leaves them out without saying so
        (Cisco's sample lists unknown and empty names and still succeeds).
        """
        args = _group_args(name, description, users, roles)
        return cast(WriteResult, self._native.call("groups.create", args))

    def update(
        self,
        name: str,
        *,
        description: Optional[str] = None,
        users: Optional[Iterable[str]] = None,
        roles: Optional[Iterable[str]] = None,
    ) -> WriteResult:
        """Update a user group (``PUT /usergroup``) and return CER's result (``Success``).

        Only the arguments that are not None are sent, and a list that is sent
        replaces the current one in the simulator. For a standard group CER
        keeps the roles and appends ", Default group roles assignment cannot be
        edited" to ``result.message``. When roles were sent, cerapi then also
        logs a WARNING on the ``cerapi`` logger.

        Raises:
            NotFoundError: no user group has this name.
        """
        args = _group_args(name, description, users, roles)
        return cast(WriteResult, self._native.call("groups.update", args))

    def add_users(self, name: str, users: Iterable[str]) -> UserGroup:
        """Add users to a group and return the group as CER stores it afterwards.

        Reads the group, sends an update with its users plus ``users`` (names
        already in the group are not repeated), then reads the group again.

        Raises:
            OperationFailedError: after the update, a user is still not in the group.
            NotFoundError: no user group has this name.
        """
        args = _members_args(name, users, "users", "user")
        return cast(UserGroup, self._native.call("groups.add_users", args))

    def remove_users(self, name: str, users: Iterable[str]) -> UserGroup:
        """Remove users from a group and return the group as CER stores it afterwards.

        Sends the group's users without ``users`` and reads the group back;
        names that are not in the group are ignored.

        Raises:
            OperationFailedError: after the update, a user is still in the group.
        """
        args = _members_args(name, users, "users", "user")
        return cast(UserGroup, self._native.call("groups.remove_users", args))

    def add_roles(self, name: str, roles: Iterable[str]) -> UserGroup:
        """Assign roles to a group and return the group as CER stores it afterwards.

        Raises:
            OperationFailedError: after the update, a role is still not assigned,
                as for any role change of a standard group.
        """
        args = _members_args(name, roles, "roles", "role")
        return cast(UserGroup, self._native.call("groups.add_roles", args))

    def remove_roles(self, name: str, roles: Iterable[str]) -> UserGroup:
        """Remove roles from a group and return the group as CER stores it afterwards.

        Raises:
            OperationFailedError: after the update, a role is still assigned, as
                for any role change of a standard group.
        """
        args = _members_args(name, roles, "roles", "role")
        return cast(UserGroup, self._native.call("groups.remove_roles", args))

    def delete(self, name: str) -> ItemResult:
        """Delete one user group (``DELETE /usergroup?userGroupName=...``) and return its outcome.

        Raises:
            OperationFailedError: CER reported that the deletion failed, for a
                standard group or a group that does not exist.
        """
        return cast(ItemResult, self._native.call("groups.delete", name_args(name)))

    def delete_many(self, names: Iterable[str]) -> BulkResult:
        """Delete several user groups in one request (``DELETE /usergroup``).

        Returns one ``ItemResult`` per name, in CER's order. A name that CER
        could not delete, including an empty name, is reported as a failed item,
        not raised: check ``result.ok`` or ``result.failed``.
        """
        args = _names_args(names)
        return cast(BulkResult, self._native.call("groups.delete_many", args))


class AsyncGroups:
    """User group operations of an ``AsyncClient``, reached as ``client.groups``.

    The methods match those of ``Groups`` and are coroutines.
    """

    __slots__ = ("_native",)

    def __init__(self, native: _native.Client) -> None:
        self._native = native

    async def list(self) -> List[UserGroup]:
        """List every user group (``GET /usergroup``), with its users and roles."""
        return cast(List[UserGroup], await self._native.call_async("groups.list", {}))

    async def get(self, name: str) -> UserGroup:
        """Get one user group by name (``GET /usergroup?userGroupName=...``).

        Raises:
            NotFoundError: no user group has this name.
        """
        return cast(UserGroup, await self._native.call_async("groups.get", name_args(name)))

    async def create(
        self,
        name: str,
        *,
        description: str = "",
        users: Iterable[str] = (),
        roles: Iterable[str] = (),
    ) -> WriteResult:
        """Create a user group (``POST /usergroup``), with the arguments of ``Groups.create``."""
        args = _group_args(name, description, users, roles)
        return cast(WriteResult, await self._native.call_async("groups.create", args))

    async def update(
        self,
        name: str,
        *,
        description: Optional[str] = None,
        users: Optional[Iterable[str]] = None,
        roles: Optional[Iterable[str]] = None,
    ) -> WriteResult:
        """Update a user group (``PUT /usergroup``), sending the arguments that are not None."""
        args = _group_args(name, description, users, roles)
        return cast(WriteResult, await self._native.call_async("groups.update", args))

    async def add_users(self, name: str, users: Iterable[str]) -> UserGroup:
        """Add users to a group and return the group read back, as ``Groups.add_users``."""
        args = _members_args(name, users, "users", "user")
        return cast(UserGroup, await self._native.call_async("groups.add_users", args))

    async def remove_users(self, name: str, users: Iterable[str]) -> UserGroup:
        """Remove users from a group and return the group read back, as ``Groups.remove_users``."""
        args = _members_args(name, users, "users", "user")
        return cast(UserGroup, await self._native.call_async("groups.remove_users", args))

    async def add_roles(self, name: str, roles: Iterable[str]) -> UserGroup:
        """Assign roles to a group and return the group read back, as ``Groups.add_roles``."""
        args = _members_args(name, roles, "roles", "role")
        return cast(UserGroup, await self._native.call_async("groups.add_roles", args))

    async def remove_roles(self, name: str, roles: Iterable[str]) -> UserGroup:
        """Remove roles from a group and return the group read back, as ``Groups.remove_roles``."""
        args = _members_args(name, roles, "roles", "role")
        return cast(UserGroup, await self._native.call_async("groups.remove_roles", args))

    async def delete(self, name: str) -> ItemResult:
        """Delete one user group (``DELETE /usergroup?userGroupName=...``) and return its outcome.

        Raises:
            OperationFailedError: CER reported that the deletion failed.
        """
        return cast(ItemResult, await self._native.call_async("groups.delete", name_args(name)))

    async def delete_many(self, names: Iterable[str]) -> BulkResult:
        """Delete several user groups in one request (``DELETE /usergroup``), as ``Groups`` does."""
        args = _names_args(names)
        return cast(BulkResult, await self._native.call_async("groups.delete_many", args))


def _names_args(names: Iterable[str]) -> Dict[str, Any]:
    # CER reports an empty name as a failed item, as it does for roles.
    return {"names": name_list(names, "names", "user group", allow_blank_names=True)}


def _optional_names(
    names: Optional[Iterable[str]], field: str, object_type: str
) -> Optional[List[str]]:
    if names is None:
        return None
    return name_list(names, field, object_type, allow_empty_list=True)


def _group_args(
    name: str,
    description: Optional[str],
    users: Optional[Iterable[str]],
    roles: Optional[Iterable[str]],
) -> Dict[str, Any]:
    return {
        "name": check_name(name, "name"),
        "description": optional_str(description, "description"),
        "users": _optional_names(users, "users", "user"),
        "roles": _optional_names(roles, "roles", "role"),
    }


def _members_args(name: str, names: Iterable[str], field: str, object_type: str) -> Dict[str, Any]:
    return {"name": check_name(name, "name"), "names": name_list(names, field, object_type)}
