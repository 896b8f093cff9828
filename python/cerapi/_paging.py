"""Paging over CER 15SU2's ``v2`` reads: argument checks and the record iterators.

Each iterator requests one page at a time with ``offset`` and ``limit`` and
keeps only that page, so memory stays flat however many records CER has. It
stops after a page with fewer records than the page's limit.
"""

from __future__ import annotations

import logging
import re
from typing import Any, AsyncIterator, Dict, Iterator, Optional, cast

from . import _native
from .models import Page

DEFAULT_PAGE_SIZE = 500
"""Records per page when the caller names none; CER's documented default."""

MAX_PAGE_SIZE = 2000
"""CER's documented maximum page size. Larger sizes are lowered to it."""

_logger = logging.getLogger(__name__)

# The documented form: a six-character service name, an underscore and a UUID.
# The native core applies the same check; running it here makes a generator
# raise when it is created instead of at its first record.
_TRACKING_ID = re.compile(r"^[A-Za-z0-9]{6}_[0-9A-Fa-f-]{36}$")


def check_offset(offset: object) -> int:
    if isinstance(offset, bool) or not isinstance(offset, int):
        raise TypeError(f"offset must be an int, got {type(offset).__name__}")
    if offset < 0:
        raise ValueError(f"offset must be 0 or more, got {offset}")
    return offset


def check_limit(limit: object, field: str) -> int:
    """Return ``limit`` if it is an int of 1 or more; the native core lowers it to 2000."""
    if isinstance(limit, bool) or not isinstance(limit, int):
        raise TypeError(f"{field} must be an int, got {type(limit).__name__}")
    if limit < 1:
        raise ValueError(f"{field} must be 1 or more, got {limit}")
    return limit


def check_page_size(page_size: object) -> int:
    """Return ``page_size`` lowered to CER's maximum, logging once when it was larger."""
    size = check_limit(page_size, "page_size")
    if size > MAX_PAGE_SIZE:
        _logger.info(
            "page_size %d is above CER's maximum page size of %d; using %d",
            size,
            MAX_PAGE_SIZE,
            MAX_PAGE_SIZE,
        )
        return MAX_PAGE_SIZE
    return size


def check_tracking_id(tracking_id: object) -> Optional[str]:
    if tracking_id is None:
        return None
    if not isinstance(tracking_id, str):
        raise TypeError(f"tracking_id must be a str, got {type(tracking_id).__name__}")
    if not _TRACKING_ID.match(tracking_id):
        raise ValueError(
            f"invalid tracking_id {tracking_id!r}: use six letters or digits, an underscore "
            "and a UUID, such as CERAPP_3f2b9c7e-0d1a-4c55-9a0e-5b7d2f6e8a11"
        )
    return tracking_id


def page_args(
    feed: str,
    offset: int,
    limit: int,
    tracking_id: Optional[str],
    filters: Optional[Dict[str, str]],
) -> Dict[str, Any]:
    return {
        "feed": feed,
        "offset": offset,
        "limit": limit,
        "tracking_id": tracking_id,
        "filters": filters,
    }


def iterate_records(
    native: _native.Client,
    feed: str,
    page_size: int,
    tracking_id: Optional[str],
    filters: Optional[Dict[str, str]],
) -> Iterator[Any]:
    """Yield every record of ``feed``, requesting one page of ``page_size`` at a time."""
    offset = 0
    while True:
        args = page_args(feed, offset, page_size, tracking_id, filters)
        page = cast(Page, native.call("v2.page", args))
        records, limit = page.records, page.limit
        del page
        count = len(records)
        yield from records
        # Drop this page before the next one arrives, so only one is alive at a time.
        del records
        if count == 0 or count < limit:
            return
        offset += count


async def aiterate_records(
    native: _native.Client,
    feed: str,
    page_size: int,
    tracking_id: Optional[str],
    filters: Optional[Dict[str, str]],
) -> AsyncIterator[Any]:
    """Yield every record of ``feed`` on the running loop, one page at a time."""
    offset = 0
    while True:
        args = page_args(feed, offset, page_size, tracking_id, filters)
        page = cast(Page, await native.call_async("v2.page", args))
        records, limit = page.records, page.limit
        del page
        count = len(records)
        for record in records:
            yield record
        del records
        if count == 0 or count < limit:
            return
        offset += count
