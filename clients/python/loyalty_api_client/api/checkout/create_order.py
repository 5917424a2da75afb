from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.order import Order
from ...models.order_create import OrderCreate
from ...models.problem import Problem
from ...types import UNSET, Unset
from typing import cast



def _get_kwargs(
    *,
    body: OrderCreate,
    idempotency_key: str | Unset = UNSET,

) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["Idempotency-Key"] = idempotency_key



    

    

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/orders",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Order | Problem:
    if response.status_code == 200:
        response_200 = Order.from_dict(response.json())



        return response_200

    if response.status_code == 201:
        response_201 = Order.from_dict(response.json())



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



def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[Order | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    body: OrderCreate,
    idempotency_key: str | Unset = UNSET,

) -> Response[Order | Problem]:
    """ Record a paid order once: earn points, capture a hold or spend points

     Records a paid order once per `order_id`: points are earned on the amount actually paid, and points
    are spent either by capturing a hold (`hold_id`) or directly (`redeem_points`). The same order sent
    again with the same content answers 200 with the first result; different content under the same
    `order_id` answers 409 `duplicate_order`.

    Args:
        idempotency_key (str | Unset):
        body (OrderCreate):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Order | Problem]
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
    body: OrderCreate,
    idempotency_key: str | Unset = UNSET,

) -> Order | Problem | None:
    """ Record a paid order once: earn points, capture a hold or spend points

     Records a paid order once per `order_id`: points are earned on the amount actually paid, and points
    are spent either by capturing a hold (`hold_id`) or directly (`redeem_points`). The same order sent
    again with the same content answers 200 with the first result; different content under the same
    `order_id` answers 409 `duplicate_order`.

    Args:
        idempotency_key (str | Unset):
        body (OrderCreate):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Order | Problem
     """


    return sync_detailed(
        client=client,
body=body,
idempotency_key=idempotency_key,

    ).parsed

async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: OrderCreate,
    idempotency_key: str | Unset = UNSET,

) -> Response[Order | Problem]:
    """ Record a paid order once: earn points, capture a hold or spend points

     Records a paid order once per `order_id`: points are earned on the amount actually paid, and points
    are spent either by capturing a hold (`hold_id`) or directly (`redeem_points`). The same order sent
    again with the same content answers 200 with the first result; different content under the same
    `order_id` answers 409 `duplicate_order`.

    Args:
        idempotency_key (str | Unset):
        body (OrderCreate):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Order | Problem]
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
    body: OrderCreate,
    idempotency_key: str | Unset = UNSET,

) -> Order | Problem | None:
    """ Record a paid order once: earn points, capture a hold or spend points

     Records a paid order once per `order_id`: points are earned on the amount actually paid, and points
    are spent either by capturing a hold (`hold_id`) or directly (`redeem_points`). The same order sent
    again with the same content answers 200 with the first result; different content under the same
    `order_id` answers 409 `duplicate_order`.

    Args:
        idempotency_key (str | Unset):
        body (OrderCreate):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Order | Problem
     """


    return (await asyncio_detailed(
        client=client,
body=body,
idempotency_key=idempotency_key,

    )).parsed
