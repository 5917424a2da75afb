from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.get_referral_leaderboard_period import GetReferralLeaderboardPeriod
from ...models.leaderboard import Leaderboard
from ...models.problem import Problem
from ...types import UNSET, Unset
from typing import cast



def _get_kwargs(
    *,
    period: GetReferralLeaderboardPeriod | Unset = GetReferralLeaderboardPeriod.MONTH,
    limit: int | Unset = 10,

) -> dict[str, Any]:
    

    

    params: dict[str, Any] = {}

    json_period: str | Unset = UNSET
    if not isinstance(period, Unset):
        json_period = period.value

    params["period"] = json_period

    params["limit"] = limit


    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}


    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/referrals/leaderboard",
        "params": params,
    }


    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Leaderboard | Problem:
    if response.status_code == 200:
        response_200 = Leaderboard.from_dict(response.json())



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



def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[Leaderboard | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    period: GetReferralLeaderboardPeriod | Unset = GetReferralLeaderboardPeriod.MONTH,
    limit: int | Unset = 10,

) -> Response[Leaderboard | Problem]:
    """ Referrers ranked by rewarded referrals in the period

     Referrers ranked by the number of rewarded referrals between `from` and `to`.

    Args:
        period (GetReferralLeaderboardPeriod | Unset):  Default:
            GetReferralLeaderboardPeriod.MONTH.
        limit (int | Unset):  Default: 10.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Leaderboard | Problem]
     """


    kwargs = _get_kwargs(
        period=period,
limit=limit,

    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)

def sync(
    *,
    client: AuthenticatedClient,
    period: GetReferralLeaderboardPeriod | Unset = GetReferralLeaderboardPeriod.MONTH,
    limit: int | Unset = 10,

) -> Leaderboard | Problem | None:
    """ Referrers ranked by rewarded referrals in the period

     Referrers ranked by the number of rewarded referrals between `from` and `to`.

    Args:
        period (GetReferralLeaderboardPeriod | Unset):  Default:
            GetReferralLeaderboardPeriod.MONTH.
        limit (int | Unset):  Default: 10.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Leaderboard | Problem
     """


    return sync_detailed(
        client=client,
period=period,
limit=limit,

    ).parsed

async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    period: GetReferralLeaderboardPeriod | Unset = GetReferralLeaderboardPeriod.MONTH,
    limit: int | Unset = 10,

) -> Response[Leaderboard | Problem]:
    """ Referrers ranked by rewarded referrals in the period

     Referrers ranked by the number of rewarded referrals between `from` and `to`.

    Args:
        period (GetReferralLeaderboardPeriod | Unset):  Default:
            GetReferralLeaderboardPeriod.MONTH.
        limit (int | Unset):  Default: 10.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Leaderboard | Problem]
     """


    kwargs = _get_kwargs(
        period=period,
limit=limit,

    )

    response = await client.get_async_httpx_client().request(
        **kwargs
    )

    return _build_response(client=client, response=response)

async def asyncio(
    *,
    client: AuthenticatedClient,
    period: GetReferralLeaderboardPeriod | Unset = GetReferralLeaderboardPeriod.MONTH,
    limit: int | Unset = 10,

) -> Leaderboard | Problem | None:
    """ Referrers ranked by rewarded referrals in the period

     Referrers ranked by the number of rewarded referrals between `from` and `to`.

    Args:
        period (GetReferralLeaderboardPeriod | Unset):  Default:
            GetReferralLeaderboardPeriod.MONTH.
        limit (int | Unset):  Default: 10.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Leaderboard | Problem
     """


    return (await asyncio_detailed(
        client=client,
period=period,
limit=limit,

    )).parsed
