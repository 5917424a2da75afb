from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.adjustment import Adjustment
from ...models.entry import Entry
from ...models.problem import Problem
from ...types import UNSET, Unset
from typing import cast



def _get_kwargs(
    member_id: str,
    *,
    body: Adjustment,
    idempotency_key: str | Unset = UNSET,

) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["Idempotency-Key"] = idempotency_key



    

    

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/members/{member_id}/adjustments".format(member_id=quote(str(member_id), safe=""),),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Entry | Problem:
    if response.status_code == 201:
        response_201 = Entry.from_dict(response.json())



        return response_201

    if response.status_code == 400:
        response_400 = Problem.from_dict(response.json())



        return response_400

    if response.status_code == 401:
        response_401 = Problem.from_dict(response.json())



        return response_401

    if response.status_code == 403:
        response_403 = Problem.from_dict(response.json())



        return response_403

    if response.status_code == 404:
        response_404 = Problem.from_dict(response.json())



        return response_404

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



def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[Entry | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    member_id: str,
    *,
    client: AuthenticatedClient,
    body: Adjustment,
    idempotency_key: str | Unset = UNSET,

) -> Response[Entry | Problem]:
    """ Credit or debit points by hand, with a reason; the caller is recorded as the actor

     A manual credit (positive `points`) or debit (negative) with a mandatory `reason`, recorded in the
    ledger with the calling client as the actor. A debit below zero answers 409 `insufficient_points`;
    one
    beyond the program's `limits` (per adjustment, or per client and day) answers 422 `limit_exceeded`
    and
    applies nothing.

    Args:
        member_id (str):
        idempotency_key (str | Unset):
        body (Adjustment):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Entry | Problem]
     """


    kwargs = _get_kwargs(
        member_id=member_id,
body=body,
idempotency_key=idempotency_key,

    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)

def sync(
    member_id: str,
    *,
    client: AuthenticatedClient,
    body: Adjustment,
    idempotency_key: str | Unset = UNSET,

) -> Entry | Problem | None:
    """ Credit or debit points by hand, with a reason; the caller is recorded as the actor

     A manual credit (positive `points`) or debit (negative) with a mandatory `reason`, recorded in the
    ledger with the calling client as the actor. A debit below zero answers 409 `insufficient_points`;
    one
    beyond the program's `limits` (per adjustment, or per client and day) answers 422 `limit_exceeded`
    and
    applies nothing.

    Args:
        member_id (str):
        idempotency_key (str | Unset):
        body (Adjustment):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Entry | Problem
     """


    return sync_detailed(
        member_id=member_id,
client=client,
body=body,
idempotency_key=idempotency_key,

    ).parsed

async def asyncio_detailed(
    member_id: str,
    *,
    client: AuthenticatedClient,
    body: Adjustment,
    idempotency_key: str | Unset = UNSET,

) -> Response[Entry | Problem]:
    """ Credit or debit points by hand, with a reason; the caller is recorded as the actor

     A manual credit (positive `points`) or debit (negative) with a mandatory `reason`, recorded in the
    ledger with the calling client as the actor. A debit below zero answers 409 `insufficient_points`;
    one
    beyond the program's `limits` (per adjustment, or per client and day) answers 422 `limit_exceeded`
    and
    applies nothing.

    Args:
        member_id (str):
        idempotency_key (str | Unset):
        body (Adjustment):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Entry | Problem]
     """


    kwargs = _get_kwargs(
        member_id=member_id,
body=body,
idempotency_key=idempotency_key,

    )

    response = await client.get_async_httpx_client().request(
        **kwargs
    )

    return _build_response(client=client, response=response)

async def asyncio(
    member_id: str,
    *,
    client: AuthenticatedClient,
    body: Adjustment,
    idempotency_key: str | Unset = UNSET,

) -> Entry | Problem | None:
    """ Credit or debit points by hand, with a reason; the caller is recorded as the actor

     A manual credit (positive `points`) or debit (negative) with a mandatory `reason`, recorded in the
    ledger with the calling client as the actor. A debit below zero answers 409 `insufficient_points`;
    one
    beyond the program's `limits` (per adjustment, or per client and day) answers 422 `limit_exceeded`
    and
    applies nothing.

    Args:
        member_id (str):
        idempotency_key (str | Unset):
        body (Adjustment):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Entry | Problem
     """


    return (await asyncio_detailed(
        member_id=member_id,
client=client,
body=body,
idempotency_key=idempotency_key,

    )).parsed
