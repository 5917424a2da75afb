from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.hold import Hold
from ...models.hold_create import HoldCreate
from ...models.problem import Problem
from ...types import UNSET, Unset
from typing import cast



def _get_kwargs(
    *,
    body: HoldCreate,
    idempotency_key: str | Unset = UNSET,

) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["Idempotency-Key"] = idempotency_key



    

    

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/holds",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Hold | Problem:
    if response.status_code == 200:
        response_200 = Hold.from_dict(response.json())



        return response_200

    if response.status_code == 201:
        response_201 = Hold.from_dict(response.json())



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



def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[Hold | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    body: HoldCreate,
    idempotency_key: str | Unset = UNSET,

) -> Response[Hold | Problem]:
    """ Reserve points while a payment runs (one hold per order_id)

     Reserves `points` of the member's available points for up to the program's `hold_ttl_seconds`, while
    the payment runs. Capture it by passing `hold_id` to createOrder; release it with releaseHold, or it
    expires by itself. 409 `insufficient_points` when the member has too few available points. The same
    `order_id` again answers
    the existing hold (200) with the same points, 409 `duplicate_order` otherwise.

    Args:
        idempotency_key (str | Unset):
        body (HoldCreate):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Hold | Problem]
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
    body: HoldCreate,
    idempotency_key: str | Unset = UNSET,

) -> Hold | Problem | None:
    """ Reserve points while a payment runs (one hold per order_id)

     Reserves `points` of the member's available points for up to the program's `hold_ttl_seconds`, while
    the payment runs. Capture it by passing `hold_id` to createOrder; release it with releaseHold, or it
    expires by itself. 409 `insufficient_points` when the member has too few available points. The same
    `order_id` again answers
    the existing hold (200) with the same points, 409 `duplicate_order` otherwise.

    Args:
        idempotency_key (str | Unset):
        body (HoldCreate):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Hold | Problem
     """


    return sync_detailed(
        client=client,
body=body,
idempotency_key=idempotency_key,

    ).parsed

async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: HoldCreate,
    idempotency_key: str | Unset = UNSET,

) -> Response[Hold | Problem]:
    """ Reserve points while a payment runs (one hold per order_id)

     Reserves `points` of the member's available points for up to the program's `hold_ttl_seconds`, while
    the payment runs. Capture it by passing `hold_id` to createOrder; release it with releaseHold, or it
    expires by itself. 409 `insufficient_points` when the member has too few available points. The same
    `order_id` again answers
    the existing hold (200) with the same points, 409 `duplicate_order` otherwise.

    Args:
        idempotency_key (str | Unset):
        body (HoldCreate):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Hold | Problem]
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
    body: HoldCreate,
    idempotency_key: str | Unset = UNSET,

) -> Hold | Problem | None:
    """ Reserve points while a payment runs (one hold per order_id)

     Reserves `points` of the member's available points for up to the program's `hold_ttl_seconds`, while
    the payment runs. Capture it by passing `hold_id` to createOrder; release it with releaseHold, or it
    expires by itself. 409 `insufficient_points` when the member has too few available points. The same
    `order_id` again answers
    the existing hold (200) with the same points, 409 `duplicate_order` otherwise.

    Args:
        idempotency_key (str | Unset):
        body (HoldCreate):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Hold | Problem
     """


    return (await asyncio_detailed(
        client=client,
body=body,
idempotency_key=idempotency_key,

    )).parsed
