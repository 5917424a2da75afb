from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.problem import Problem
from ...models.return_ import Return
from ...models.return_create import ReturnCreate
from ...types import UNSET, Unset
from typing import cast



def _get_kwargs(
    order_id: str,
    *,
    body: ReturnCreate,
    idempotency_key: str | Unset = UNSET,

) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["Idempotency-Key"] = idempotency_key



    

    

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/orders/{order_id}/returns".format(order_id=quote(str(order_id), safe=""),),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Problem | Return:
    if response.status_code == 200:
        response_200 = Return.from_dict(response.json())



        return response_200

    if response.status_code == 201:
        response_201 = Return.from_dict(response.json())



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



def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[Problem | Return]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    order_id: str,
    *,
    client: AuthenticatedClient,
    body: ReturnCreate,
    idempotency_key: str | Unset = UNSET,

) -> Response[Problem | Return]:
    """ Return lines or an amount of an order: points taken back and given back in proportion

     Records a return once per `return_id`: by lines or by amount. Earned points are taken back and
    redeemed points given back in proportion. More than what is left of the order answers 422
    `return_exceeds_order`.

    Args:
        order_id (str):
        idempotency_key (str | Unset):
        body (ReturnCreate):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | Return]
     """


    kwargs = _get_kwargs(
        order_id=order_id,
body=body,
idempotency_key=idempotency_key,

    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)

def sync(
    order_id: str,
    *,
    client: AuthenticatedClient,
    body: ReturnCreate,
    idempotency_key: str | Unset = UNSET,

) -> Problem | Return | None:
    """ Return lines or an amount of an order: points taken back and given back in proportion

     Records a return once per `return_id`: by lines or by amount. Earned points are taken back and
    redeemed points given back in proportion. More than what is left of the order answers 422
    `return_exceeds_order`.

    Args:
        order_id (str):
        idempotency_key (str | Unset):
        body (ReturnCreate):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | Return
     """


    return sync_detailed(
        order_id=order_id,
client=client,
body=body,
idempotency_key=idempotency_key,

    ).parsed

async def asyncio_detailed(
    order_id: str,
    *,
    client: AuthenticatedClient,
    body: ReturnCreate,
    idempotency_key: str | Unset = UNSET,

) -> Response[Problem | Return]:
    """ Return lines or an amount of an order: points taken back and given back in proportion

     Records a return once per `return_id`: by lines or by amount. Earned points are taken back and
    redeemed points given back in proportion. More than what is left of the order answers 422
    `return_exceeds_order`.

    Args:
        order_id (str):
        idempotency_key (str | Unset):
        body (ReturnCreate):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | Return]
     """


    kwargs = _get_kwargs(
        order_id=order_id,
body=body,
idempotency_key=idempotency_key,

    )

    response = await client.get_async_httpx_client().request(
        **kwargs
    )

    return _build_response(client=client, response=response)

async def asyncio(
    order_id: str,
    *,
    client: AuthenticatedClient,
    body: ReturnCreate,
    idempotency_key: str | Unset = UNSET,

) -> Problem | Return | None:
    """ Return lines or an amount of an order: points taken back and given back in proportion

     Records a return once per `return_id`: by lines or by amount. Earned points are taken back and
    redeemed points given back in proportion. More than what is left of the order answers 422
    `return_exceeds_order`.

    Args:
        order_id (str):
        idempotency_key (str | Unset):
        body (ReturnCreate):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | Return
     """


    return (await asyncio_detailed(
        order_id=order_id,
client=client,
body=body,
idempotency_key=idempotency_key,

    )).parsed
