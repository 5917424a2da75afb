from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.problem import Problem
from ...models.transfer_request import TransferRequest
from ...models.transfer_result import TransferResult
from ...types import UNSET, Unset
from typing import cast



def _get_kwargs(
    member_id: str,
    *,
    body: TransferRequest,
    idempotency_key: str | Unset = UNSET,

) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["Idempotency-Key"] = idempotency_key



    

    

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/members/{member_id}/transfers".format(member_id=quote(str(member_id), safe=""),),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Problem | TransferResult:
    if response.status_code == 201:
        response_201 = TransferResult.from_dict(response.json())



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



def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[Problem | TransferResult]:
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
    body: TransferRequest,
    idempotency_key: str | Unset = UNSET,

) -> Response[Problem | TransferResult]:
    """ Move available points from this member to another one, keeping their expiry

     Moves `points` of this member's available points (soonest-expiring first) to `to_member_id`: a
    `transfer_out` entry here, and on the receiver one `transfer_in` lot per source lot with the same
    `expires_at`. Needs `transfers.enabled` (else 403 `forbidden`). Not enough available points: 409
    `insufficient_points`; beyond `transfers.max_points_per_month` of this sender: 422 `limit_exceeded`;
    to
    itself or to a blocked member: 422 `validation_error`; an unknown receiver: 404 `not_found`; a
    merged
    one: 409 `member_merged`. Answers the transfer and the sender's balance after it.

    Args:
        member_id (str):
        idempotency_key (str | Unset):
        body (TransferRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | TransferResult]
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
    body: TransferRequest,
    idempotency_key: str | Unset = UNSET,

) -> Problem | TransferResult | None:
    """ Move available points from this member to another one, keeping their expiry

     Moves `points` of this member's available points (soonest-expiring first) to `to_member_id`: a
    `transfer_out` entry here, and on the receiver one `transfer_in` lot per source lot with the same
    `expires_at`. Needs `transfers.enabled` (else 403 `forbidden`). Not enough available points: 409
    `insufficient_points`; beyond `transfers.max_points_per_month` of this sender: 422 `limit_exceeded`;
    to
    itself or to a blocked member: 422 `validation_error`; an unknown receiver: 404 `not_found`; a
    merged
    one: 409 `member_merged`. Answers the transfer and the sender's balance after it.

    Args:
        member_id (str):
        idempotency_key (str | Unset):
        body (TransferRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | TransferResult
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
    body: TransferRequest,
    idempotency_key: str | Unset = UNSET,

) -> Response[Problem | TransferResult]:
    """ Move available points from this member to another one, keeping their expiry

     Moves `points` of this member's available points (soonest-expiring first) to `to_member_id`: a
    `transfer_out` entry here, and on the receiver one `transfer_in` lot per source lot with the same
    `expires_at`. Needs `transfers.enabled` (else 403 `forbidden`). Not enough available points: 409
    `insufficient_points`; beyond `transfers.max_points_per_month` of this sender: 422 `limit_exceeded`;
    to
    itself or to a blocked member: 422 `validation_error`; an unknown receiver: 404 `not_found`; a
    merged
    one: 409 `member_merged`. Answers the transfer and the sender's balance after it.

    Args:
        member_id (str):
        idempotency_key (str | Unset):
        body (TransferRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | TransferResult]
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
    body: TransferRequest,
    idempotency_key: str | Unset = UNSET,

) -> Problem | TransferResult | None:
    """ Move available points from this member to another one, keeping their expiry

     Moves `points` of this member's available points (soonest-expiring first) to `to_member_id`: a
    `transfer_out` entry here, and on the receiver one `transfer_in` lot per source lot with the same
    `expires_at`. Needs `transfers.enabled` (else 403 `forbidden`). Not enough available points: 409
    `insufficient_points`; beyond `transfers.max_points_per_month` of this sender: 422 `limit_exceeded`;
    to
    itself or to a blocked member: 422 `validation_error`; an unknown receiver: 404 `not_found`; a
    merged
    one: 409 `member_merged`. Answers the transfer and the sender's balance after it.

    Args:
        member_id (str):
        idempotency_key (str | Unset):
        body (TransferRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | TransferResult
     """


    return (await asyncio_detailed(
        member_id=member_id,
client=client,
body=body,
idempotency_key=idempotency_key,

    )).parsed
