"""CER users (``/cerappservices/service/user``): ``client.users`` and its async twin."""

from __future__ import annotations

from typing import Any, Dict, Iterable, List, Optional, cast

from . import _native
from ._args import check_name, name_args, name_list
from .models import BulkResult, ItemResult, User, WriteResult

__all__ = ["AUTH_MODES", "AsyncUsers", "Users"]

AUTH_MODES = ("Local", "Remote", "IdP")
"""The authentication modes CER accepts for a user, in CER's spelling."""


class Users:
    """User operations of a ``Client``, reached as ``client.users``.

    CER identifies users by name. Roles come from the user groups a user is
    in. The install admin user is standard and cannot be deleted.
    """

    __slots__ = ("_native",)

    def __init__(self, native: _native.Client) -> None:
        self._native = native

    def list(self) -> List[User]:
        """List every user (``GET /user/``), with the groups and roles of each."""
        return cast(List[User], self._native.call("users.list", {}))

    def get(self, name: str) -> User:
        """Get one user by name (``GET /user?userName=...``).

        Raises:
            NotFoundError: no user has this name.
        """
        return cast(User, self._native.call("users.get", name_args(name)))

    def create(
        self,
        user_name: str,
        password: str,
        *,
        auth_mode: str = "Local",
        cucm_cluster: Optional[str] = None,
        reset_on_logon: bool = False,
    ) -> WriteResult:
        """Create a user (``POST /user``) and return CER's result (status ``AddSuccess``).

        Args:
            user_name: the new user's name.
            password: the new user's password. CER applies its own password policy.
            auth_mode: ``"Local"``, ``"Remote"`` (authenticated by CUCM) or ``"IdP"``
                (single sign-on).
            cucm_cluster: IP address or host name of the CUCM cluster that
                authenticates a Remote or IdP user.
            reset_on_logon: whether the user must change the password at the first login.

        Raises:
            ValueError: an argument is empty or ``auth_mode`` is not one of the three modes.
            BadRequestError: CER rejected the user, for example because the name exists.
        """
        args = _write_args(user_name, password, auth_mode, cucm_cluster, reset_on_logon)
        if args["password"] is None:
            raise ValueError("password is required to create a user")
        return cast(WriteResult, self._native.call("users.create", args))

    def update(
        self,
        user_name: str,
        *,
        password: Optional[str] = None,
        auth_mode: Optional[str] = None,
        cucm_cluster: Optional[str] = None,
        reset_on_logon: Optional[bool] = None,
    ) -> WriteResult:
        """Update an existing user (``PUT /user``) and return CER's result (``UpdateSuccess``).

        Only the arguments that are not None are sent. CER's documentation does
        not say whether it keeps the old value of a field that is not sent.

        Args:
            user_name: the name of the user to change.
            password: the new password.
            auth_mode: ``"Local"``, ``"Remote"`` or ``"IdP"``.
            cucm_cluster: IP address or host name of the authenticating CUCM cluster.
            reset_on_logon: whether the user must change the password at the next login.
        """
        args = _write_args(user_name, password, auth_mode, cucm_cluster, reset_on_logon)
        return cast(WriteResult, self._native.call("users.update", args))

    def delete(self, name: str) -> ItemResult:
        """Delete one user (``DELETE /user?userName=...``) and return its outcome.

        Raises:
            OperationFailedError: CER reported that the deletion failed, for
                example for the standard admin user or a user that does not exist.
        """
        return cast(ItemResult, self._native.call("users.delete", name_args(name)))

    def delete_many(self, names: Iterable[str]) -> BulkResult:
        """Delete several users in one request (``DELETE /user/``).

        Returns one ``ItemResult`` per name, in CER's order. A name that CER
        could not delete is reported as a failed item, not raised: check
        ``result.ok`` or ``result.failed``.
        """
        return cast(BulkResult, self._native.call("users.delete_many", _names_args(names)))


class AsyncUsers:
    """User operations of an ``AsyncClient``, reached as ``client.users``.

    The methods match those of ``Users`` and are coroutines.
    """

    __slots__ = ("_native",)

    def __init__(self, native: _native.Client) -> None:
        self._native = native

    async def list(self) -> List[User]:
        """List every user (``GET /user/``), with the groups and roles of each."""
        return cast(List[User], await self._native.call_async("users.list", {}))

    async def get(self, name: str) -> User:
        """Get one user by name (``GET /user?userName=...``).

        Raises:
            NotFoundError: no user has this name.
        """
        return cast(User, await self._native.call_async("users.get", name_args(name)))

    async def create(
        self,
        user_name: str,
        password: str,
        *,
        auth_mode: str = "Local",
        cucm_cluster: Optional[str] = None,
        reset_on_logon: bool = False,
    ) -> WriteResult:
        """Create a user (``POST /user``). The arguments are those of ``Users.create``."""
        args = _write_args(user_name, password, auth_mode, cucm_cluster, reset_on_logon)
        if args["password"] is None:
            raise ValueError("password is required to create a user")
        return cast(WriteResult, await self._native.call_async("users.create", args))

    async def update(
        self,
        user_name: str,
        *,
        password: Optional[str] = None,
        auth_mode: Optional[str] = None,
        cucm_cluster: Optional[str] = None,
        reset_on_logon: Optional[bool] = None,
    ) -> WriteResult:
        """Update a user (``PUT /user``), sending only the arguments that are not None."""
        args = _write_args(user_name, password, auth_mode, cucm_cluster, reset_on_logon)
        return cast(WriteResult, await self._native.call_async("users.update", args))

    async def delete(self, name: str) -> ItemResult:
        """Delete one user (``DELETE /user?userName=...``) and return its outcome.

        Raises:
            OperationFailedError: CER reported that the deletion failed.
        """
        return cast(ItemResult, await self._native.call_async("users.delete", name_args(name)))

    async def delete_many(self, names: Iterable[str]) -> BulkResult:
        """Delete several users in one request (``DELETE /user/``), one outcome per name."""
        args = _names_args(names)
        return cast(BulkResult, await self._native.call_async("users.delete_many", args))


def _names_args(names: Iterable[str]) -> Dict[str, Any]:
    return {"names": name_list(names, "names", "user")}


def _auth_mode(auth_mode: Optional[str]) -> Optional[str]:
    if auth_mode is None:
        return None
    if not isinstance(auth_mode, str):
        raise TypeError(f"auth_mode must be a str, got {type(auth_mode).__name__}")
    for mode in AUTH_MODES:
        if auth_mode.strip().lower() == mode.lower():
            return mode
    raise ValueError(f"invalid auth_mode {auth_mode!r}: use 'Local', 'Remote' or 'IdP'")


def _write_args(
    user_name: str,
    password: Optional[str],
    auth_mode: Optional[str],
    cucm_cluster: Optional[str],
    reset_on_logon: Optional[bool],
) -> Dict[str, Any]:
    if password is not None:
        if not isinstance(password, str):
            raise TypeError(f"password must be a str, got {type(password).__name__}")
        if not password:
            raise ValueError("password is empty")
    if cucm_cluster is not None and not isinstance(cucm_cluster, str):
        raise TypeError(f"cucm_cluster must be a str, got {type(cucm_cluster).__name__}")
    if reset_on_logon is not None and not isinstance(reset_on_logon, bool):
        raise TypeError(f"reset_on_logon must be a bool, got {type(reset_on_logon).__name__}")
    return {
        "user_name": check_name(user_name, "user_name"),
        "password": password,
        "auth_mode": _auth_mode(auth_mode),
        "cucm_cluster": cucm_cluster,
        "reset_on_logon": reset_on_logon,
    }
