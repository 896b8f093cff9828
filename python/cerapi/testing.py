"""A CER simulator for tests, its pytest fixture, and ``python -m cerapi.testing serve``.

The simulator serves CER's configuration API for users, roles, user groups and
adding CUCM clusters on 127.0.0.1, in JSON and XML, with HTTP Basic
authentication. It is seeded like Cisco's sample system: the standard user
``admin`` plus the Local users ``TestUserCERTeamLocal_889`` and
``TestUserCERTeamLocal_662``, and the seven standard roles and user groups.
It runs inside the current process.

Example::

    from cerapi.testing import Simulator

    with Simulator() as sim, sim.client() as cer:
        assert [u.user_name for u in cer.users.list()][0] == "admin"
"""

from __future__ import annotations

import argparse
import os
import signal
import sys
import tempfile
import time
from types import FrameType, TracebackType
from typing import Any, Dict, Iterator, List, Literal, Optional, Sequence, Tuple, Type, Union

from . import _native
from .client import AsyncClient, Client

__all__ = ["Simulator"]

DEFAULT_ACCOUNTS = {"cerapi": "cerapi"}
"""The API account of a simulator created without ``accounts``."""

CertificateKind = Literal["valid", "no_san", "expired", "wrong_host"]
"""The server certificate a TLS simulator presents, to rehearse TLS failures."""

FaultAction = Literal["pass", "respond", "close", "reset", "truncate"]
"""The action of an injected fault once its delay has passed."""


class Simulator:
    """A CER simulator on 127.0.0.1, started and stopped by a ``with`` block.

    Args:
        accounts: user name to password of the accounts that may call the API;
            the default is ``{"cerapi": "cerapi"}``. These are API accounts, not
            the CER users that the API manages.
        tls: serve HTTPS with a certificate for 127.0.0.1 signed by a CA that
            the simulator creates; ``ca_pem`` and ``ca_file`` hold that CA.
        port: the TCP port; 0 picks a free one.
        seed: start with Cisco's sample users, roles and groups; False starts
            with none of them.
        release: the CER release to play, such as ``"15SU1"``. Endpoints that
            release lacks respond as CER does (HTTP 404 or 415 with an HTML
            page). None serves every endpoint.
        certificate: the server certificate with tls: ``"valid"`` (for
            127.0.0.1 and localhost), ``"no_san"`` (the address only in the
            common name, no subjectAltName), ``"expired"`` (expired in 2021) or
            ``"wrong_host"`` (for ``cer.example.invalid`` only). Each is signed
            by the simulator's CA.
    """

    def __init__(
        self,
        *,
        accounts: Optional[Dict[str, str]] = None,
        tls: bool = False,
        port: int = 0,
        seed: bool = True,
        release: Optional[str] = None,
        certificate: CertificateKind = "valid",
    ) -> None:
        if accounts is not None and not accounts:
            raise ValueError("accounts is empty: pass at least one user name and password")
        if certificate != "valid" and not tls:
            raise ValueError(
                f"certificate={certificate!r} needs tls=True: a plain HTTP simulator "
                "presents no certificate"
            )
        self._native = _native.Simulator(
            accounts=accounts,
            tls=tls,
            port=port,
            seed=seed,
            release=release,
            certificate=certificate,
        )
        # The native side may reorder the accounts, so remember which one came first.
        self._accounts = dict(accounts) if accounts is not None else dict(DEFAULT_ACCOUNTS)
        self._ca_file: Optional[str] = None

    def start(self) -> Simulator:
        """Start serving and return the simulator. With tls, also write the CA to ``ca_file``."""
        self._native.start()
        ca_pem = self._native.ca_pem
        if ca_pem is not None and self._ca_file is None:
            descriptor, path = tempfile.mkstemp(prefix="cerapi-simulator-ca-", suffix=".pem")
            with os.fdopen(descriptor, "w", encoding="ascii") as ca_file:
                ca_file.write(ca_pem)
            self._ca_file = path
        return self

    def stop(self) -> None:
        """Stop serving and delete ``ca_file``. Stopping a stopped simulator does nothing."""
        try:
            self._native.stop()
        finally:
            if self._ca_file is not None:
                try:
                    os.remove(self._ca_file)
                except FileNotFoundError:
                    pass
                self._ca_file = None

    def __enter__(self) -> Simulator:
        return self.start()

    def __exit__(
        self,
        exc_type: Optional[Type[BaseException]],
        exc: Optional[BaseException],
        traceback: Optional[TracebackType],
    ) -> None:
        self.stop()

    @property
    def url(self) -> str:
        """The base URL to pass as a client's host, such as ``http://127.0.0.1:41234``."""
        return self._native.url

    @property
    def port(self) -> int:
        """The TCP port the simulator listens on."""
        return self._native.port

    @property
    def tls(self) -> bool:
        """True when the simulator serves HTTPS."""
        return self._native.tls

    @property
    def running(self) -> bool:
        """True between ``start()`` and ``stop()``."""
        return self._native.running

    @property
    def accounts(self) -> Dict[str, str]:
        """User name to password of every API account, in the order given."""
        return dict(self._accounts)

    @property
    def username(self) -> str:
        """The user name of the first API account."""
        return next(iter(self.accounts))

    @property
    def password(self) -> str:
        """The password of the first API account."""
        return self.accounts[self.username]

    @property
    def ca_pem(self) -> Optional[str]:
        """The PEM of the CA that signed the simulator's certificate, or None without tls."""
        return self._native.ca_pem

    @property
    def ca_file(self) -> Optional[str]:
        """Path of a file containing ``ca_pem`` while the simulator runs, or None without tls."""
        return self._ca_file

    def client(self, **settings: Any) -> Client:
        """Create a ``Client`` connected to the simulator as the first account.

        With tls the client verifies the certificate against ``ca_file``.
        Keyword arguments are passed to ``Client`` and override these defaults.
        """
        return Client(**self._client_settings(settings))

    def async_client(self, **settings: Any) -> AsyncClient:
        """Create an ``AsyncClient`` connected to the simulator, like ``client()``."""
        return AsyncClient(**self._client_settings(settings))

    def _client_settings(self, settings: Dict[str, Any]) -> Dict[str, Any]:
        if not self.running:
            raise RuntimeError(
                "the simulator is not running: call start() or use it in a with block"
            )
        defaults: Dict[str, Any] = {
            "host": self.url,
            "username": self.username,
            "password": self.password,
        }
        if self._ca_file is not None:
            defaults["verify"] = self._ca_file
        defaults.update(settings)
        return defaults

    def inject(
        self,
        method: str,
        path: str,
        *,
        delay: float = 0.0,
        status: Optional[int] = None,
        body: Union[str, bytes, None] = None,
        content_type: Optional[str] = None,
        headers: Optional[Sequence[Tuple[str, str]]] = None,
        action: Optional[FaultAction] = None,
        skip: int = 0,
        times: int = 1,
    ) -> None:
        """Delay, replace or break the responses to the next ``times`` matching requests.

        A request matches when its method is ``method`` and its full path
        without the query is ``path``, such as ``"/cerappservices/service/user/"``.
        The first ``skip`` matching requests are served normally, so ``skip=2``
        targets the third. Each targeted request waits ``delay`` seconds, and
        then ``action`` decides what happens:

        - ``"pass"``: serve the request normally (only the delay);
        - ``"respond"``: respond with ``status`` (default 200), ``headers``,
          ``body`` and ``content_type`` instead of handling the request;
        - ``"close"``: close the connection without answering;
        - ``"reset"``: send the headers and half of ``body``, then reset;
        - ``"truncate"``: announce the length of ``body`` but send only half.

        ``action`` defaults to ``"respond"`` when ``status`` or ``body`` is
        given, else to ``"pass"``. ``content_type`` defaults to the format the
        client asked for. Requests are matched whatever their credentials.
        """
        self._native.inject(
            method,
            path,
            delay=delay,
            status=status,
            body=body,
            content_type=content_type,
            headers=[(name, value) for name, value in headers] if headers is not None else None,
            action=action,
            skip=skip,
            times=times,
        )

    def set_lockout(self, after: Optional[int]) -> None:
        """Lock an API account after ``after`` failed logins in a row, as CER does.

        A locked account gets HTTP 401 with "Account is locked" in an HTML page
        for every request, even with the right password, until ``unlock()``.
        None (the default of a new simulator) never locks.
        """
        if after is not None and (isinstance(after, bool) or not isinstance(after, int)):
            raise TypeError(f"after must be an int or None, got {type(after).__name__}")
        if after is not None and after < 1:
            raise ValueError(f"after must be at least 1, got {after}")
        self._native.set_lockout(after)

    def unlock(self, user: str) -> None:
        """Unlock an API account and clear its failed logins, as an administrator does."""
        self._native.unlock(user)

    def requests(self) -> List[Tuple[str, str]]:
        """Return the (method, path with query) of every request received so far."""
        return self._native.requests()

    @property
    def release(self) -> Optional[str]:
        """The CER release the simulator plays, such as ``"15SU1"``, or None for all endpoints."""
        return self._native.release

    def set_release(self, release: Optional[str]) -> None:
        """Play another CER release from the next request on; None serves every endpoint.

        On an older release the simulator answers the endpoints that release
        lacks as CER does: HTTP 404 with an HTML page, and on ``"15"`` HTTP 415
        with an HTML page for ``v2/unlocatedphones`` and ``v2/callhistorydetails``.
        ``reset()`` keeps the release.

        Raises:
            ValueError: ``release`` is not a form such as ``"14SU3"`` or ``"15"``.
        """
        self._native.set_release(release)

    def seed_synthetic(
        self,
        *,
        erls: Optional[int] = None,
        calls: Optional[int] = None,
        tracked: Optional[int] = None,
        non_tracked: Optional[int] = None,
        unlocated: Optional[int] = None,
        manual: Optional[int] = None,
    ) -> None:
        """Set how many synthetic records the simulator serves; None keeps a count.

        The records are made from their number when requested, so 200,000
        calls cost no memory. ``erls`` adds ERLs named ``ERL-000000``,
        ``ERL-000001`` and so on after the stored ones. ``calls`` is the length
        of the call history, one call a minute from 2024-10-01 00:00 in months
        of 30 days.
        ``tracked``, ``non_tracked``, ``unlocated`` and ``manual`` are the lengths
        of the phone lists; each phone has its own MAC address and extension.
        A new simulator has 5 calls, 5 tracked, 2 non-tracked, 2 unlocated and
        no manual phones, and ``reset()`` restores these counts.
        """
        counts = {
            "erls": erls,
            "calls": calls,
            "tracked": tracked,
            "non_tracked": non_tracked,
            "unlocated": unlocated,
            "manual": manual,
        }
        for name, count in counts.items():
            if count is None:
                continue
            if isinstance(count, bool) or not isinstance(count, int):
                raise TypeError(f"{name} must be an int or None, got {type(count).__name__}")
            if count < 0:
                raise ValueError(f"{name} must be 0 or more, got {count}")
        self._native.seed_synthetic(**counts)

    def reset(self) -> None:
        """Restore the starting data, and clear the injections, the request log and failed logins.

        The starting data is Cisco's sample users, roles and groups, or none of
        them for a simulator created with ``seed=False``. Added clusters are
        removed. The played release and the ``set_lockout()`` limit stay.
        """
        self._native.reset()

    def __repr__(self) -> str:
        state = "running" if self.running else "stopped"
        return f"Simulator(url={self.url!r}, tls={self.tls}, {state})"


try:
    import pytest
except ImportError:  # pytest is optional outside test runs
    pass
else:

    @pytest.fixture  # type: ignore[untyped-decorator]
    def cer_simulator() -> Iterator[Simulator]:
        """Start an HTTP CER simulator with the seeded users for one test and yield it.

        ``cer_simulator.client()`` returns a client connected to it.
        """
        with Simulator() as simulator:
            yield simulator


def _parse_account(text: str) -> Tuple[str, str]:
    username, separator, password = text.partition(":")
    if not separator or not username or not password:
        raise argparse.ArgumentTypeError(f"invalid account {text!r}: use USER:PASSWORD")
    return username, password


def _build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m cerapi.testing",
        description="Run a CER simulator on 127.0.0.1.",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    serve = commands.add_parser("serve", help="serve the simulator in the foreground until Ctrl-C")
    serve.add_argument(
        "--port", type=int, default=0, help="TCP port to listen on (default: a free port)"
    )
    serve.add_argument(
        "--tls", action="store_true", help="serve HTTPS with a certificate from a generated CA"
    )
    serve.add_argument(
        "--account",
        action="append",
        type=_parse_account,
        metavar="USER:PASSWORD",
        help="an API account; repeat for more (default: cerapi:cerapi)",
    )
    serve.add_argument(
        "--no-seed", action="store_true", help="start with no users instead of Cisco's sample users"
    )
    return parser


def _raise_keyboard_interrupt(signum: int, frame: Optional[FrameType]) -> None:
    raise KeyboardInterrupt


def _serve(port: int, tls: bool, accounts: Optional[Dict[str, str]], seed: bool) -> None:
    # SIGTERM stops the simulator the same way as Ctrl-C, so ca_file is deleted.
    signal.signal(signal.SIGTERM, _raise_keyboard_interrupt)
    with Simulator(accounts=accounts, tls=tls, port=port, seed=seed) as simulator:
        print(f"CER simulator listening on {simulator.url}", flush=True)
        if accounts is None:
            print(f"account: {simulator.username} (password: {simulator.password})", flush=True)
        else:
            print(f"accounts: {', '.join(accounts)}", flush=True)
        if simulator.ca_file is not None:
            print(f"CA file: {simulator.ca_file}", flush=True)
        print("Press Ctrl-C to stop.", flush=True)
        while True:
            time.sleep(3600)


def main(argv: Optional[Sequence[str]] = None) -> int:
    """Run ``python -m cerapi.testing`` and return its exit status."""
    args = _build_parser().parse_args(argv)
    accounts = dict(args.account) if args.account else None
    try:
        _serve(args.port, args.tls, accounts, seed=not args.no_seed)
    except KeyboardInterrupt:
        print("simulator stopped", file=sys.stderr)
        return 0
    except (OSError, RuntimeError, ValueError) as error:
        print(f"cerapi.testing: error: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
