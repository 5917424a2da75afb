from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.problem import Problem
from ...models.segment_page import SegmentPage
from ...types import UNSET, Unset
from typing import cast
import datetime



def _get_kwargs(
    *,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
    tier: str | Unset = UNSET,
    vip: bool | Unset = UNSET,
    min_points: int | Unset = UNSET,
    max_points: int | Unset = UNSET,
    expiring_within_days: int | Unset = UNSET,
    inactive_days: int | Unset = UNSET,
    rfm: str | Unset = UNSET,
    enrolled_from: datetime.datetime | Unset = UNSET,
    enrolled_to: datetime.datetime | Unset = UNSET,

) -> dict[str, Any]:
    

    

    params: dict[str, Any] = {}

    params["limit"] = limit

    json_cursor: None | str | Unset
    if isinstance(cursor, Unset):
        json_cursor = UNSET
    else:
        json_cursor = cursor
    params["cursor"] = json_cursor

    params["tier"] = tier

    params["vip"] = vip

    params["min_points"] = min_points

    params["max_points"] = max_points

    params["expiring_within_days"] = expiring_within_days

    params["inactive_days"] = inactive_days

    params["rfm"] = rfm

    json_enrolled_from: str | Unset = UNSET
    if not isinstance(enrolled_from, Unset):
        json_enrolled_from = enrolled_from.isoformat()
    params["enrolled_from"] = json_enrolled_from

    json_enrolled_to: str | Unset = UNSET
    if not isinstance(enrolled_to, Unset):
        json_enrolled_to = enrolled_to.isoformat()
    params["enrolled_to"] = json_enrolled_to


    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}


    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/members",
        "params": params,
    }


    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Problem | SegmentPage:
    if response.status_code == 200:
        response_200 = SegmentPage.from_dict(response.json())



        return response_200

    if response.status_code == 401:
        response_401 = Problem.from_dict(response.json())



        return response_401

    if response.status_code == 403:
        response_403 = Problem.from_dict(response.json())



        return response_403

    if response.status_code == 422:
        response_422 = Problem.from_dict(response.json())



        return response_422

    if response.status_code == 429:
        response_429 = Problem.from_dict(response.json())



        return response_429

    if response.status_code == 503:
        response_503 = Problem.from_dict(response.json())



        return response_503

    response_default = Problem.from_dict(response.json())



    return response_default



def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[Problem | SegmentPage]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
    tier: str | Unset = UNSET,
    vip: bool | Unset = UNSET,
    min_points: int | Unset = UNSET,
    max_points: int | Unset = UNSET,
    expiring_within_days: int | Unset = UNSET,
    inactive_days: int | Unset = UNSET,
    rfm: str | Unset = UNSET,
    enrolled_from: datetime.datetime | Unset = UNSET,
    enrolled_to: datetime.datetime | Unset = UNSET,

) -> Response[Problem | SegmentPage]:
    """ List a segment of members (filters); `Accept: text/csv` streams all of it as CSV

     Members of the program matching the filters (tier, VIP, points, expiring points, inactivity, RFM
    cell, enrolment dates), paged with `limit` and `cursor`. With `Accept: text/csv` the whole segment
    is streamed as CSV instead.

    Args:
        limit (int | Unset):  Default: 50.
        cursor (None | str | Unset):
        tier (str | Unset):
        vip (bool | Unset):
        min_points (int | Unset):
        max_points (int | Unset):
        expiring_within_days (int | Unset):
        inactive_days (int | Unset):
        rfm (str | Unset):
        enrolled_from (datetime.datetime | Unset):
        enrolled_to (datetime.datetime | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | SegmentPage]
     """


    kwargs = _get_kwargs(
        limit=limit,
cursor=cursor,
tier=tier,
vip=vip,
min_points=min_points,
max_points=max_points,
expiring_within_days=expiring_within_days,
inactive_days=inactive_days,
rfm=rfm,
enrolled_from=enrolled_from,
enrolled_to=enrolled_to,

    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)

def sync(
    *,
    client: AuthenticatedClient,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
    tier: str | Unset = UNSET,
    vip: bool | Unset = UNSET,
    min_points: int | Unset = UNSET,
    max_points: int | Unset = UNSET,
    expiring_within_days: int | Unset = UNSET,
    inactive_days: int | Unset = UNSET,
    rfm: str | Unset = UNSET,
    enrolled_from: datetime.datetime | Unset = UNSET,
    enrolled_to: datetime.datetime | Unset = UNSET,

) -> Problem | SegmentPage | None:
    """ List a segment of members (filters); `Accept: text/csv` streams all of it as CSV

     Members of the program matching the filters (tier, VIP, points, expiring points, inactivity, RFM
    cell, enrolment dates), paged with `limit` and `cursor`. With `Accept: text/csv` the whole segment
    is streamed as CSV instead.

    Args:
        limit (int | Unset):  Default: 50.
        cursor (None | str | Unset):
        tier (str | Unset):
        vip (bool | Unset):
        min_points (int | Unset):
        max_points (int | Unset):
        expiring_within_days (int | Unset):
        inactive_days (int | Unset):
        rfm (str | Unset):
        enrolled_from (datetime.datetime | Unset):
        enrolled_to (datetime.datetime | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | SegmentPage
     """


    return sync_detailed(
        client=client,
limit=limit,
cursor=cursor,
tier=tier,
vip=vip,
min_points=min_points,
max_points=max_points,
expiring_within_days=expiring_within_days,
inactive_days=inactive_days,
rfm=rfm,
enrolled_from=enrolled_from,
enrolled_to=enrolled_to,

    ).parsed

async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
    tier: str | Unset = UNSET,
    vip: bool | Unset = UNSET,
    min_points: int | Unset = UNSET,
    max_points: int | Unset = UNSET,
    expiring_within_days: int | Unset = UNSET,
    inactive_days: int | Unset = UNSET,
    rfm: str | Unset = UNSET,
    enrolled_from: datetime.datetime | Unset = UNSET,
    enrolled_to: datetime.datetime | Unset = UNSET,

) -> Response[Problem | SegmentPage]:
    """ List a segment of members (filters); `Accept: text/csv` streams all of it as CSV

     Members of the program matching the filters (tier, VIP, points, expiring points, inactivity, RFM
    cell, enrolment dates), paged with `limit` and `cursor`. With `Accept: text/csv` the whole segment
    is streamed as CSV instead.

    Args:
        limit (int | Unset):  Default: 50.
        cursor (None | str | Unset):
        tier (str | Unset):
        vip (bool | Unset):
        min_points (int | Unset):
        max_points (int | Unset):
        expiring_within_days (int | Unset):
        inactive_days (int | Unset):
        rfm (str | Unset):
        enrolled_from (datetime.datetime | Unset):
        enrolled_to (datetime.datetime | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | SegmentPage]
     """


    kwargs = _get_kwargs(
        limit=limit,
cursor=cursor,
tier=tier,
vip=vip,
min_points=min_points,
max_points=max_points,
expiring_within_days=expiring_within_days,
inactive_days=inactive_days,
rfm=rfm,
enrolled_from=enrolled_from,
enrolled_to=enrolled_to,

    )

    response = await client.get_async_httpx_client().request(
        **kwargs
    )

    return _build_response(client=client, response=response)

async def asyncio(
    *,
    client: AuthenticatedClient,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
    tier: str | Unset = UNSET,
    vip: bool | Unset = UNSET,
    min_points: int | Unset = UNSET,
    max_points: int | Unset = UNSET,
    expiring_within_days: int | Unset = UNSET,
    inactive_days: int | Unset = UNSET,
    rfm: str | Unset = UNSET,
    enrolled_from: datetime.datetime | Unset = UNSET,
    enrolled_to: datetime.datetime | Unset = UNSET,

) -> Problem | SegmentPage | None:
    """ List a segment of members (filters); `Accept: text/csv` streams all of it as CSV

     Members of the program matching the filters (tier, VIP, points, expiring points, inactivity, RFM
    cell, enrolment dates), paged with `limit` and `cursor`. With `Accept: text/csv` the whole segment
    is streamed as CSV instead.

    Args:
        limit (int | Unset):  Default: 50.
        cursor (None | str | Unset):
        tier (str | Unset):
        vip (bool | Unset):
        min_points (int | Unset):
        max_points (int | Unset):
        expiring_within_days (int | Unset):
        inactive_days (int | Unset):
        rfm (str | Unset):
        enrolled_from (datetime.datetime | Unset):
        enrolled_to (datetime.datetime | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | SegmentPage
     """


    return (await asyncio_detailed(
        client=client,
limit=limit,
cursor=cursor,
tier=tier,
vip=vip,
min_points=min_points,
max_points=max_points,
expiring_within_days=expiring_within_days,
inactive_days=inactive_days,
rfm=rfm,
enrolled_from=enrolled_from,
enrolled_to=enrolled_to,

    )).parsed
