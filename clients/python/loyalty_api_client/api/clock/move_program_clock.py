from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.clock import Clock
from ...models.clock_move import ClockMove
from ...models.problem import Problem
from ...types import UNSET, Unset
from typing import cast



def _get_kwargs(
    *,
    body: ClockMove | Unset = UNSET,
    idempotency_key: str | Unset = UNSET,

) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["Idempotency-Key"] = idempotency_key



    

    

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/program/clock",
    }

    
    if not isinstance(body, Unset):
        _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Clock | Problem:
    if response.status_code == 200:
        response_200 = Clock.from_dict(response.json())



        return response_200

    if response.status_code == 400:
        response_400 = Problem.from_dict(response.json())



        return response_400

    if response.status_code == 401:
        response_401 = Problem.from_dict(response.json())



        return response_401

    if response.status_code == 403:
        response_403 = Problem.from_dict(response.json())



        return response_403

    if response.status_code == 409:
        response_409 = Problem.from_dict(response.json())



        return response_409

    if response.status_code == 413:
        response_413 = Problem.from_dict(response.json())



        return response_413

    if response.status_code == 415:
        response_415 = Problem.from_dict(response.json())



        return response_415

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



def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[Clock | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    body: ClockMove | Unset = UNSET,
    idempotency_key: str | Unset = UNSET,

) -> Response[Clock | Problem]:
    """ Move a test program's clock forward and run what fell due

     Give `advance_seconds` or `now` (exactly one, else 422 `validation_error`); a time not after the
    clock's now is 422 `clock_not_forward`. Once the move is committed, the program's scheduled work
    (activation of pending points, burning of expired lots and inactive balances, expiring-points
    notices, hold expiry, coupon expiry, tier retention and downgrades, VIP ends, birthday bonuses,
    segments) runs at the new time for this program alone, before the answer: when it answers, the
    effects can be read. Reads are exact at the new time in any case. A live program: 403 `forbidden`.

    Args:
        idempotency_key (str | Unset):
        body (ClockMove | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Clock | Problem]
     """


    kwargs = _get_kwargs(
        body=body,
idempotency_key=idempotency_key,

    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)

def sync(
    *,
    client: AuthenticatedClient,
    body: ClockMove | Unset = UNSET,
    idempotency_key: str | Unset = UNSET,

) -> Clock | Problem | None:
    """ Move a test program's clock forward and run what fell due

     Give `advance_seconds` or `now` (exactly one, else 422 `validation_error`); a time not after the
    clock's now is 422 `clock_not_forward`. Once the move is committed, the program's scheduled work
    (activation of pending points, burning of expired lots and inactive balances, expiring-points
    notices, hold expiry, coupon expiry, tier retention and downgrades, VIP ends, birthday bonuses,
    segments) runs at the new time for this program alone, before the answer: when it answers, the
    effects can be read. Reads are exact at the new time in any case. A live program: 403 `forbidden`.

    Args:
        idempotency_key (str | Unset):
        body (ClockMove | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Clock | Problem
     """


    return sync_detailed(
        client=client,
body=body,
idempotency_key=idempotency_key,

    ).parsed

async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: ClockMove | Unset = UNSET,
    idempotency_key: str | Unset = UNSET,

) -> Response[Clock | Problem]:
    """ Move a test program's clock forward and run what fell due

     Give `advance_seconds` or `now` (exactly one, else 422 `validation_error`); a time not after the
    clock's now is 422 `clock_not_forward`. Once the move is committed, the program's scheduled work
    (activation of pending points, burning of expired lots and inactive balances, expiring-points
    notices, hold expiry, coupon expiry, tier retention and downgrades, VIP ends, birthday bonuses,
    segments) runs at the new time for this program alone, before the answer: when it answers, the
    effects can be read. Reads are exact at the new time in any case. A live program: 403 `forbidden`.

    Args:
        idempotency_key (str | Unset):
        body (ClockMove | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Clock | Problem]
     """


    kwargs = _get_kwargs(
        body=body,
idempotency_key=idempotency_key,

    )

    response = await client.get_async_httpx_client().request(
        **kwargs
    )

    return _build_response(client=client, response=response)

async def asyncio(
    *,
    client: AuthenticatedClient,
    body: ClockMove | Unset = UNSET,
    idempotency_key: str | Unset = UNSET,

) -> Clock | Problem | None:
    """ Move a test program's clock forward and run what fell due

     Give `advance_seconds` or `now` (exactly one, else 422 `validation_error`); a time not after the
    clock's now is 422 `clock_not_forward`. Once the move is committed, the program's scheduled work
    (activation of pending points, burning of expired lots and inactive balances, expiring-points
    notices, hold expiry, coupon expiry, tier retention and downgrades, VIP ends, birthday bonuses,
    segments) runs at the new time for this program alone, before the answer: when it answers, the
    effects can be read. Reads are exact at the new time in any case. A live program: 403 `forbidden`.

    Args:
        idempotency_key (str | Unset):
        body (ClockMove | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Clock | Problem
     """


    return (await asyncio_detailed(
        client=client,
body=body,
idempotency_key=idempotency_key,

    )).parsed
