"""CER's emergency call history (``GET v2/callhistorydetails``, CER 15SU2).

``client.call_history(...)`` iterates over every matching call, requesting
one page at a time; ``client.call_history.page(...)`` reads one page.

Cisco publishes the paging parameters, the ``TrackingID`` header and the
first filters of this read, but not its response. cerapi sends ``offset``,
``limit`` and the filters as query parameters, because Cisco's page lists them
without saying how a GET carries them. It reads each call under the field
names of the export API's call records (``ERLName``, ``CallerExtension``,
``CallTime``, ``RPELINMap``, ``IsCallAcknowledged``) and a few other
spellings, matched in any case. Every field is also kept as sent in
``CallRecord.extra``.
"""

from __future__ import annotations

import datetime
import re
from typing import Any, AsyncIterator, Dict, Iterator, Optional, Tuple, Union, cast

from . import _native
from ._args import check_name
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
from .models import CallRecord, Page

__all__ = ["DATE_FILTERS", "FILTER_TYPES", "AsyncCallHistory", "CallHistory"]

FILTER_TYPES: Tuple[str, ...] = ("All", "Any")
"""Values of ``filter_type``: every filter must match (``All``) or one is enough (``Any``)."""

DATE_FILTERS: Tuple[str, ...] = ("is", "isNot", "isAfter", "isBefore")
"""Values of ``date_filter``, the comparison of a call's date with ``call_date``."""

CallDate = Union[str, datetime.date]

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_FEED = "call_history"


class CallHistory:
    """The call history of a ``Client``, reached as ``client.call_history``.

    Call it to iterate over every matching call; use ``page`` for one page.
    Both take the same filters, which CER combines as ``filter_type`` sets:

    * ``erl_name``: the ERL name contains this text (CER's ``erlname``).
    * ``extension``: the caller's extension contains this text (``Extension``).
    * ``call_date``: a ``datetime.date`` or ``"YYYY-MM-DD"``, compared with the
      call's date as ``date_filter`` says (``CallDate`` and ``DateFilter``).
    * ``filter_type``: ``"All"`` (CER's default) or ``"Any"`` (``FilterType``).
    * ``date_filter``: ``"is"`` (CER's default), ``"isNot"``, ``"isAfter"`` or
      ``"isBefore"``; it needs ``call_date``.

    NOTE: Cisco does not publish the format of ``CallDate``. cerapi sends
    ``YYYY-MM-DD``, which the simulator compares with the call's date.

    Example::

        for call in cer.call_history(erl_name="Lobby", call_date="2024-10-01",
                                     date_filter="isAfter"):
            print(call.call_time, call.caller_extension, call.elin)
    """

    __slots__ = ("_native",)

    def __init__(self, native: _native.Client) -> None:
        self._native = native

    def __call__(
        self,
        *,
        page_size: int = DEFAULT_PAGE_SIZE,
        tracking_id: Optional[str] = None,
        filter_type: Optional[str] = None,
        date_filter: Optional[str] = None,
        erl_name: Optional[str] = None,
        extension: Optional[str] = None,
        call_date: Optional[CallDate] = None,
    ) -> Iterator[CallRecord]:
        """Return an iterator over every matching call, in CER's order.

        The iterator requests ``page_size`` calls at a time (at most 2000, CER's
        maximum; a larger size is lowered with an INFO log line) and keeps one
        page in memory. Each page is requested when the previous one is used
        up, so errors such as ``UnsupportedEndpointError`` are raised by the
        iteration, not by this call. Invalid arguments raise here.

        Args:
            page_size: calls per request.
            tracking_id: the ``TrackingID`` header for every page, of the form
                ``XXXXXX_<uuid>``. None sends a new ``CERAPI_<uuid>`` with each page.
            filter_type, date_filter, erl_name, extension, call_date: the filters
                the class describes.

        Raises:
            ValueError: a filter, the page size or the tracking id is invalid.
        """
        size = check_page_size(page_size)
        checked_id = check_tracking_id(tracking_id)
        filters = _filters(filter_type, date_filter, erl_name, extension, call_date)
        records = iterate_records(self._native, _FEED, size, checked_id, filters)
        return cast(Iterator[CallRecord], records)

    def page(
        self,
        *,
        offset: int = 0,
        limit: int = DEFAULT_PAGE_SIZE,
        tracking_id: Optional[str] = None,
        filter_type: Optional[str] = None,
        date_filter: Optional[str] = None,
        erl_name: Optional[str] = None,
        extension: Optional[str] = None,
        call_date: Optional[CallDate] = None,
    ) -> Page:
        """Read one page of calls: ``limit`` calls after skipping ``offset``.

        ``page.records`` contains ``CallRecord`` objects. When no call matches, CER
        sends only a message, and the page has no records and that ``message``.
        A ``limit`` above 2000 is lowered to 2000 with an INFO log line, and
        ``page.limit`` is the limit sent.

        Raises:
            ValueError: ``offset`` is negative, ``limit`` is below 1, or a filter
                or the tracking id is invalid.
        """
        args = page_args(
            _FEED,
            check_offset(offset),
            check_limit(limit, "limit"),
            check_tracking_id(tracking_id),
            _filters(filter_type, date_filter, erl_name, extension, call_date),
        )
        return cast(Page, self._native.call("v2.page", args))


class AsyncCallHistory:
    """The call history of an ``AsyncClient``, reached as ``client.call_history``.

    Calling it returns an async iterator, used with ``async for``; ``page`` is
    a coroutine. The arguments are those of ``CallHistory``.
    """

    __slots__ = ("_native",)

    def __init__(self, native: _native.Client) -> None:
        self._native = native

    def __call__(
        self,
        *,
        page_size: int = DEFAULT_PAGE_SIZE,
        tracking_id: Optional[str] = None,
        filter_type: Optional[str] = None,
        date_filter: Optional[str] = None,
        erl_name: Optional[str] = None,
        extension: Optional[str] = None,
        call_date: Optional[CallDate] = None,
    ) -> AsyncIterator[CallRecord]:
        """Return an async iterator over every matching call, one page at a time."""
        size = check_page_size(page_size)
        checked_id = check_tracking_id(tracking_id)
        filters = _filters(filter_type, date_filter, erl_name, extension, call_date)
        records = aiterate_records(self._native, _FEED, size, checked_id, filters)
        return cast(AsyncIterator[CallRecord], records)

    async def page(
        self,
        *,
        offset: int = 0,
        limit: int = DEFAULT_PAGE_SIZE,
        tracking_id: Optional[str] = None,
        filter_type: Optional[str] = None,
        date_filter: Optional[str] = None,
        erl_name: Optional[str] = None,
        extension: Optional[str] = None,
        call_date: Optional[CallDate] = None,
    ) -> Page:
        """Read one page of calls, as ``CallHistory.page`` does."""
        args = page_args(
            _FEED,
            check_offset(offset),
            check_limit(limit, "limit"),
            check_tracking_id(tracking_id),
            _filters(filter_type, date_filter, erl_name, extension, call_date),
        )
        return cast(Page, await self._native.call_async("v2.page", args))


def _choice(value: Any, field: str, choices: Tuple[str, ...]) -> str:
    if not isinstance(value, str):
        raise TypeError(f"{field} must be a str, got {type(value).__name__}")
    for choice in choices:
        if value.strip().lower() == choice.lower():
            return choice
    allowed = ", ".join(repr(choice) for choice in choices)
    raise ValueError(f"invalid {field} {value!r}: use one of {allowed}")


def _call_date_text(call_date: Any) -> str:
    """Return ``call_date`` as ``YYYY-MM-DD``: a date, a datetime (its date) or such a str."""
    if isinstance(call_date, datetime.datetime):
        return call_date.date().isoformat()
    if isinstance(call_date, datetime.date):
        return call_date.isoformat()
    if not isinstance(call_date, str):
        raise TypeError(
            f"call_date must be a datetime.date or a str, got {type(call_date).__name__}"
        )
    text = call_date.strip()
    invalid = ValueError(
        f"invalid call_date {call_date!r}: use a date such as 2024-10-01 (YYYY-MM-DD)"
    )
    if not _ISO_DATE.match(text):
        raise invalid
    try:
        datetime.date.fromisoformat(text)
    except ValueError:
        raise invalid from None
    return text


def _filters(
    filter_type: Optional[str],
    date_filter: Optional[str],
    erl_name: Optional[str],
    extension: Optional[str],
    call_date: Optional[CallDate],
) -> Optional[Dict[str, str]]:
    """Return the filters under CER's query parameter names, or None when none is given."""
    filters: Dict[str, str] = {}
    if filter_type is not None:
        filters["FilterType"] = _choice(filter_type, "filter_type", FILTER_TYPES)
    if date_filter is not None:
        if call_date is None:
            raise ValueError("date_filter needs call_date: pass the date to compare with")
        filters["DateFilter"] = _choice(date_filter, "date_filter", DATE_FILTERS)
    if erl_name is not None:
        filters["erlname"] = check_name(erl_name, "erl_name")
    if extension is not None:
        filters["Extension"] = check_name(extension, "extension")
    if call_date is not None:
        filters["CallDate"] = _call_date_text(call_date)
    return filters or None
