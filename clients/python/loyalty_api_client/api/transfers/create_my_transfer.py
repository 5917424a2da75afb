from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.my_transfer_request import MyTransferRequest
from ...models.problem import Problem
from ...models.transfer_result import TransferResult
from ...types import UNSET, Unset
from typing import cast



def _get_kwargs(
    *,
    body: MyTransferRequest,
    idempotency_key: str | Unset = UNSET,

) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["Idempotency-Key"] = idempotency_key



    

    

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/me/transfers",
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
    *,
    client: AuthenticatedClient,
    body: MyTransferRequest,
    idempotency_key: str | Unset = UNSET,

) -> Response[Problem | TransferResult]:
    """ Give some of the member's own available points to another member (member token)

     The member of the token sends `points` of their available points to another member, named by
    `to_member_id` or by `to_identity` (a card, phone, email or external id). Expiry dates are kept. The
    same problems as the client route: 403 `forbidden` when the program has transfers off, 409
    `insufficient_points`, 422 `limit_exceeded`, 404 `not_found` for an unknown receiver. Addressed by
    identity, the answer's `to_member_id` is null.

    Args:
        idempotency_key (str | Unset):
        body (MyTransferRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | TransferResult]
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
    body: MyTransferRequest,
    idempotency_key: str | Unset = UNSET,

) -> Problem | TransferResult | None:
    """ Give some of the member's own available points to another member (member token)

     The member of the token sends `points` of their available points to another member, named by
    `to_member_id` or by `to_identity` (a card, phone, email or external id). Expiry dates are kept. The
    same problems as the client route: 403 `forbidden` when the program has transfers off, 409
    `insufficient_points`, 422 `limit_exceeded`, 404 `not_found` for an unknown receiver. Addressed by
    identity, the answer's `to_member_id` is null.

    Args:
        idempotency_key (str | Unset):
        body (MyTransferRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | TransferResult
     """


    return sync_detailed(
        client=client,
body=body,
idempotency_key=idempotency_key,

    ).parsed

async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: MyTransferRequest,
    idempotency_key: str | Unset = UNSET,

) -> Response[Problem | TransferResult]:
    """ Give some of the member's own available points to another member (member token)

     The member of the token sends `points` of their available points to another member, named by
    `to_member_id` or by `to_identity` (a card, phone, email or external id). Expiry dates are kept. The
    same problems as the client route: 403 `forbidden` when the program has transfers off, 409
    `insufficient_points`, 422 `limit_exceeded`, 404 `not_found` for an unknown receiver. Addressed by
    identity, the answer's `to_member_id` is null.

    Args:
        idempotency_key (str | Unset):
        body (MyTransferRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | TransferResult]
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
    body: MyTransferRequest,
    idempotency_key: str | Unset = UNSET,

) -> Problem | TransferResult | None:
    """ Give some of the member's own available points to another member (member token)

     The member of the token sends `points` of their available points to another member, named by
    `to_member_id` or by `to_identity` (a card, phone, email or external id). Expiry dates are kept. The
    same problems as the client route: 403 `forbidden` when the program has transfers off, 409
    `insufficient_points`, 422 `limit_exceeded`, 404 `not_found` for an unknown receiver. Addressed by
    identity, the answer's `to_member_id` is null.

    Args:
        idempotency_key (str | Unset):
        body (MyTransferRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | TransferResult
     """


    return (await asyncio_detailed(
        client=client,
body=body,
idempotency_key=idempotency_key,

    )).parsed
