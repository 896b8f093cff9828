"""Stubs of the native core. The public API wraps these in cerapi.Client,
cerapi.AsyncClient and cerapi.testing.Simulator."""

from typing import Any, Awaitable, Dict, List, Optional, Tuple, Union

__version__: str
PERMISSIONS: List[str]
"""Display names of the 53 resource permissions a CER role can grant."""

class Client:
    """Connection settings and pool of one CER publisher."""

    def __init__(
        self,
        base_url: str,
        username: str,
        password: str,
        *,
        verify: Union[bool, str] = True,
        connect_timeout: float = 10.0,
        read_timeout: float = 60.0,
        max_concurrency: int = 8,
        format: str = "json",
        release: Optional[str] = None,
        retries: int = 2,
        backoff: float = 0.5,
        max_backoff: float = 8.0,
        retry_statuses: Optional[List[int]] = None,
        retry_writes: bool = False,
        max_response_bytes: Optional[int] = None,
    ) -> None: ...
    @property
    def base_url(self) -> str: ...
    @property
    def username(self) -> str: ...
    @property
    def format(self) -> str: ...
    @property
    def release(self) -> Optional[str]: ...
    @property
    def closed(self) -> bool: ...
    def call(self, operation: str, args: Dict[str, Any]) -> Any:
        """Run one operation, blocking with the GIL released."""
    def call_async(self, operation: str, args: Dict[str, Any]) -> Awaitable[Any]:
        """Start one operation on the running asyncio loop."""
    def close(self) -> None: ...

class Simulator:
    """A CER configuration API served on 127.0.0.1."""

    def __init__(
        self,
        *,
        accounts: Optional[Dict[str, str]] = None,
        tls: bool = False,
        port: int = 0,
        seed: bool = True,
        release: Optional[str] = None,
        certificate: str = "valid",
    ) -> None: ...
    def start(self) -> None: ...
    def stop(self) -> None: ...
    @property
    def port(self) -> int: ...
    @property
    def url(self) -> str: ...
    @property
    def tls(self) -> bool: ...
    @property
    def running(self) -> bool: ...
    @property
    def ca_pem(self) -> Optional[str]: ...
    @property
    def accounts(self) -> Dict[str, str]: ...
    def inject(
        self,
        method: str,
        path: str,
        *,
        delay: float = 0.0,
        status: Optional[int] = None,
        body: Union[str, bytes, None] = None,
        content_type: Optional[str] = None,
        headers: Optional[List[Tuple[str, str]]] = None,
        action: Optional[str] = None,
        skip: int = 0,
        times: int = 1,
    ) -> None: ...
    def set_lockout(self, after: Optional[int]) -> None: ...
    def unlock(self, user: str) -> None: ...
    def requests(self) -> List[Tuple[str, str]]: ...
    @property
    def release(self) -> Optional[str]: ...
    def set_release(self, release: Optional[str]) -> None: ...
    def seed_synthetic(
        self,
        *,
        erls: Optional[int] = None,
        calls: Optional[int] = None,
        tracked: Optional[int] = None,
        non_tracked: Optional[int] = None,
        unlocated: Optional[int] = None,
        manual: Optional[int] = None,
    ) -> None: ...
    def reset(self) -> None: ...
