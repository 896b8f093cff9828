"""CER's phone lists, read page by page (``v2/*phones``, CER 15SU2): ``client.phones``.

``client.phones.tracked(...)`` iterates over every tracked phone, requesting
one page at a time, and ``client.phones.tracked.page(...)`` reads one page;
``non_tracked``, ``unlocated`` and ``manual`` work the same way.

NOTE: Cisco publishes only the method and path of these four reads. cerapi
sends them the paging parameters and the ``TrackingID`` header documented for
``v2/callhistorydetails``. It reads each phone field under the names CER's
export API uses, such as ``MACAddress``, ``IPAddress``, ``Extension`` and
``SwitchPort``, and a few other spellings, matched in any case. Every field is
also kept as sent in ``Phone.extra``.
"""

from __future__ import annotations

from typing import AsyncIterator, Iterator, Optional, cast

from . import _native
from ._paging import (
    DEFAULT_PAGE_SIZE,
    aiterate_records,
    check_limit,
    check_offset,
    check_page_size,
    check_tracking_id,
    iterate_records,
    page_args,
)
from .models import Page, Phone

__all__ = ["AsyncPhoneList", "AsyncPhones", "PhoneList", "Phones"]


class PhoneList:
    """One of CER's phone lists on a ``Client``, such as ``client.phones.tracked``.

    Call it to iterate over every phone in the list; use ``page`` for one page.
    """

    __slots__ = ("_feed", "_native", "_path")

    def __init__(self, native: _native.Client, feed: str, path: str) -> None:
        self._native = native
        self._feed = feed
        self._path = path

    def __call__(
        self, *, page_size: int = DEFAULT_PAGE_SIZE, tracking_id: Optional[str] = None
    ) -> Iterator[Phone]:
        """Return an iterator over every phone in the list, in CER's order.

        The iterator requests ``page_size`` phones at a time (at most 2000, CER's
        maximum; a larger size is lowered with an INFO log line) and keeps one
        page in memory. Each page is requested when the previous one is used
        up, so errors such as ``UnsupportedEndpointError`` are raised by the
        iteration, not by this call.

        Args:
            page_size: phones per request.
            tracking_id: the ``TrackingID`` header for every page, of the form
                ``XXXXXX_<uuid>``. None sends a new ``CERAPI_<uuid>`` with each page.

        Raises:
            ValueError: the page size or the tracking id is invalid.
        """
        size = check_page_size(page_size)
        checked_id = check_tracking_id(tracking_id)
        records = iterate_records(self._native, self._feed, size, checked_id, None)
        return cast(Iterator[Phone], records)

    def page(
        self,
        *,
        offset: int = 0,
        limit: int = DEFAULT_PAGE_SIZE,
        tracking_id: Optional[str] = None,
    ) -> Page:
        """Read one page of phones: ``limit`` phones after skipping ``offset``.

        ``page.records`` contains ``Phone`` objects. When the list is empty, CER
        sends only a message, such as ``"No Manual Config Phone Record
        Available"``, and the page has no records and that ``message``. A
        ``limit`` above 2000 is lowered to 2000 with an INFO log line.

        Raises:
            ValueError: ``offset`` is negative, ``limit`` is below 1 or the
                tracking id is invalid.
        """
        args = page_args(
            self._feed,
            check_offset(offset),
            check_limit(limit, "limit"),
            check_tracking_id(tracking_id),
            None,
        )
        return cast(Page, self._native.call("v2.page", args))

    def __repr__(self) -> str:
        return f"<PhoneList GET {self._path}>"


class AsyncPhoneList:
    """One of CER's phone lists on an ``AsyncClient``, such as ``client.phones.tracked``.

    Calling it returns an async iterator, used with ``async for``; ``page`` is
    a coroutine. The arguments are those of ``PhoneList``.
    """

    __slots__ = ("_feed", "_native", "_path")

    def __init__(self, native: _native.Client, feed: str, path: str) -> None:
        self._native = native
        self._feed = feed
        self._path = path

    def __call__(
        self, *, page_size: int = DEFAULT_PAGE_SIZE, tracking_id: Optional[str] = None
    ) -> AsyncIterator[Phone]:
        """Return an async iterator over every phone in the list, one page at a time."""
        size = check_page_size(page_size)
        checked_id = check_tracking_id(tracking_id)
        records = aiterate_records(self._native, self._feed, size, checked_id, None)
        return cast(AsyncIterator[Phone], records)

    async def page(
        self,
        *,
        offset: int = 0,
        limit: int = DEFAULT_PAGE_SIZE,
        tracking_id: Optional[str] = None,
    ) -> Page:
        """Read one page of phones, as ``PhoneList.page`` does."""
        args = page_args(
            self._feed,
            check_offset(offset),
            check_limit(limit, "limit"),
            check_tracking_id(tracking_id),
            None,
        )
        return cast(Page, await self._native.call_async("v2.page", args))

    def __repr__(self) -> str:
        return f"<AsyncPhoneList GET {self._path}>"


class Phones:
    """The phone lists of a ``Client``, reached as ``client.phones``.

    Example::

        for phone in cer.phones.unlocated(page_size=2000):
            print(phone.mac_address, phone.ip_address, phone.extension)
    """

    __slots__ = ("manual", "non_tracked", "tracked", "unlocated")

    def __init__(self, native: _native.Client) -> None:
        self.tracked = PhoneList(native, "tracked", "v2/trackedphones")
        """Phones CER tracks, with their ERL and switch port."""
        self.non_tracked = PhoneList(native, "non_tracked", "v2/nontrackedphones")
        """Phones CER does not track."""
        self.unlocated = PhoneList(native, "unlocated", "v2/unlocatedphones")
        """Phones CER could not locate, which get no ERL from tracking."""
        self.manual = PhoneList(native, "manual", "v2/manualconfigphones")
        """Phones whose ERL an administrator configured by hand."""


class AsyncPhones:
    """The phone lists of an ``AsyncClient``, reached as ``client.phones``.

    Example::

        async for phone in cer.phones.tracked():
            print(phone.mac_address, phone.erl_name)
    """

    __slots__ = ("manual", "non_tracked", "tracked", "unlocated")

    def __init__(self, native: _native.Client) -> None:
        self.tracked = AsyncPhoneList(native, "tracked", "v2/trackedphones")
        """Phones CER tracks, with their ERL and switch port."""
        self.non_tracked = AsyncPhoneList(native, "non_tracked", "v2/nontrackedphones")
        """Phones CER does not track."""
        self.unlocated = AsyncPhoneList(native, "unlocated", "v2/unlocatedphones")
        """Phones CER could not locate, which get no ERL from tracking."""
        self.manual = AsyncPhoneList(native, "manual", "v2/manualconfigphones")
        """Phones whose ERL an administrator configured by hand."""
