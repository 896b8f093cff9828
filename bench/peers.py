"""The code a user would write without cerapi, for the benchmark's comparisons.

Each peer fetches with its HTTP library, decodes with ``json`` or ``xmltodict``,
applies the same normalisation rules as cerapi (one item or a list, ``""`` for an
empty list, booleans as strings) and builds the same dataclasses from
``cerapi.models``.
"""

from __future__ import annotations

from typing import Any, Dict, List, Optional

from cerapi.models import AliDetails, ConventionalErl, ElinMapping, User

SERVICE = "/cerappservices/service"

ALI_FIELDS = [
    ("HouseNumber", "house_number"),
    ("HouseNumberSuffix", "house_number_suffix"),
    ("StreetName", "street_name"),
    ("PrefixDirectional", "prefix_directional"),
    ("StreetSuffix", "street_suffix"),
    ("PostDirectional", "post_directional"),
    ("CommunityName", "community_name"),
    ("State", "state"),
    ("MainNPA", "main_npa"),
    ("CustomerName", "customer_name"),
    ("COS", "class_of_service"),
    ("TOS", "type_of_service"),
    ("Exchange", "exchange"),
    ("MainTelNum", "main_tel_num"),
    ("OrderNumber", "order_number"),
    ("CountyID", "county_id"),
    ("CompanyID", "company_id"),
    ("ZipCode", "zip_code"),
    ("ZipCodeExt", "zip_code_ext"),
    ("CustomerCode", "customer_code"),
    ("Comments", "comments"),
    ("Longitude", "longitude"),
    ("Latitude", "latitude"),
    ("Elevation", "elevation"),
    ("TARCode", "tar_code"),
    ("Location", "location"),
    ("ProvReserved", "prov_reserved"),
]
AUTH_MODES = {"0": "Local", "1": "Remote", "2": "IdP"}
USER_FIELDS = {"pKid", "userName", "isStandard", "isRemoteAuth", "links", "userGroups", "userRoles"}
ERL_FIELDS = {
    "ERLName",
    "Description",
    "TestERL",
    "TimeZone",
    "ELINSettings",
    "OnsiteAlertSettings",
    "ALIDetails",
    "links",
}


def items(value: Any) -> List[Any]:
    """Return a repeated element as a list: one item, a list, or nothing for ``""``."""
    if value is None or value == "" or value == {} or value == []:
        return []
    if isinstance(value, list):
        return [item for item in value if item not in (None, "", {})]
    return [value]


def wrapped(value: Any, item: str) -> List[Any]:
    if isinstance(value, dict):
        return items(value.get(item))
    return []


def text(value: Any) -> str:
    if value is None or isinstance(value, (dict, list)):
        return ""
    return str(value)


def boolean(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    return str(value).strip().lower() in ("true", "t", "1", "y", "yes")


def user(raw: Dict[str, Any]) -> User:
    links = raw.get("links") or {}
    if not isinstance(links, dict):
        links = {}
    return User(
        user_name=text(raw.get("userName")),
        pkid=text(raw.get("pKid")),
        is_standard=boolean(raw.get("isStandard")),
        auth_mode=AUTH_MODES.get(
            text(raw.get("isRemoteAuth")) or "0", text(raw.get("isRemoteAuth"))
        ),
        groups=[text(g) for g in wrapped(raw.get("userGroups"), "userGroup")],
        roles=[text(r) for r in wrapped(raw.get("userRoles"), "userRole")],
        publisher_url=links.get("publisherURL") or None,
        subscriber_url=links.get("subscriberURL") or None,
        extra={k: v for k, v in raw.items() if k not in USER_FIELDS},
    )


def users(body: Dict[str, Any]) -> List[User]:
    return [user(item) for item in wrapped(body.get("users"), "user")]


def elins(value: Any) -> List[ElinMapping]:
    out = []
    for item in wrapped(value, "ELINDetails") or (items(value) if isinstance(value, str) else []):
        if isinstance(item, dict):
            out.append(ElinMapping(text(item.get("RoutePattern")), text(item.get("ELIN"))))
        elif "--" in item:
            route, number = item.split("--", 1)
            out.append(ElinMapping(route.strip(), number.strip()))
    return out


def erl(raw: Dict[str, Any]) -> ConventionalErl:
    ali_raw = raw.get("ALIDetails") or {}
    if not isinstance(ali_raw, dict):
        ali_raw = {}
    ali = AliDetails(**{name: text(ali_raw.get(wire)) for wire, name in ALI_FIELDS})
    links = raw.get("links") or {}
    if not isinstance(links, dict):
        links = {}
    return ConventionalErl(
        erl_name=text(raw.get("ERLName")),
        description=text(raw.get("Description")),
        test_erl=boolean(raw.get("TestERL")),
        time_zone=text(raw.get("TimeZone")),
        elins=elins(raw.get("ELINSettings")),
        onsite_alert_ids=[
            text(i) for i in wrapped(raw.get("OnsiteAlertSettings"), "OnsiteAlertID")
        ],
        ali=ali,
        publisher_url=links.get("publisherURL") or None,
        subscriber_url=links.get("subscriberURL") or None,
        extra={k: v for k, v in raw.items() if k not in ERL_FIELDS},
    )


def erls(body: Dict[str, Any]) -> List[ConventionalErl]:
    return [erl(item) for item in wrapped(body.get("ConventionalERLDetails"), "ConventionalERL")]


def erls_from_xml(document: Dict[str, Any]) -> List[ConventionalErl]:
    """Normalise ``xmltodict.parse`` output: drop the root, and read ``None`` as empty."""
    (root,) = document.values()
    return erls(_none_to_empty(root or {}))


def _none_to_empty(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, dict):
        return {k: _none_to_empty(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_none_to_empty(v) for v in value]
    return value


def first(found: List[User], name: str) -> Optional[User]:
    return next((u for u in found if u.user_name == name), found[0] if found else None)
