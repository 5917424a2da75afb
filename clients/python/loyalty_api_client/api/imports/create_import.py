from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.import_ import Import
from ...models.import_create import ImportCreate
from ...models.problem import Problem
from ...types import UNSET, Unset
from typing import cast



def _get_kwargs(
    *,
    body: ImportCreate,
    idempotency_key: str | Unset = UNSET,

) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["Idempotency-Key"] = idempotency_key



    

    

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/imports",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Import | Problem:
    if response.status_code == 201:
        response_201 = Import.from_dict(response.json())



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



def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[Import | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    body: ImportCreate,
    idempotency_key: str | Unset = UNSET,

) -> Response[Import | Problem]:
    """ Open an import (`dry_run`: check everything, write nothing)

     Opens an import of members, balances and tiers from another system; its chunks are sent to
    `POST /v1/imports/{import_id}/rows`, then it is completed. With `dry_run: true` every line is
    checked
    and counted but nothing is written.

    Args:
        idempotency_key (str | Unset):
        body (ImportCreate):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Import | Problem]
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
    body: ImportCreate,
    idempotency_key: str | Unset = UNSET,

) -> Import | Problem | None:
    """ Open an import (`dry_run`: check everything, write nothing)

     Opens an import of members, balances and tiers from another system; its chunks are sent to
    `POST /v1/imports/{import_id}/rows`, then it is completed. With `dry_run: true` every line is
    checked
    and counted but nothing is written.

    Args:
        idempotency_key (str | Unset):
        body (ImportCreate):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Import | Problem
     """


    return sync_detailed(
        client=client,
body=body,
idempotency_key=idempotency_key,

    ).parsed

async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: ImportCreate,
    idempotency_key: str | Unset = UNSET,

) -> Response[Import | Problem]:
    """ Open an import (`dry_run`: check everything, write nothing)

     Opens an import of members, balances and tiers from another system; its chunks are sent to
    `POST /v1/imports/{import_id}/rows`, then it is completed. With `dry_run: true` every line is
    checked
    and counted but nothing is written.

    Args:
        idempotency_key (str | Unset):
        body (ImportCreate):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Import | Problem]
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
    body: ImportCreate,
    idempotency_key: str | Unset = UNSET,

) -> Import | Problem | None:
    """ Open an import (`dry_run`: check everything, write nothing)

     Opens an import of members, balances and tiers from another system; its chunks are sent to
    `POST /v1/imports/{import_id}/rows`, then it is completed. With `dry_run: true` every line is
    checked
    and counted but nothing is written.

    Args:
        idempotency_key (str | Unset):
        body (ImportCreate):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Import | Problem
     """


    return (await asyncio_detailed(
        client=client,
body=body,
idempotency_key=idempotency_key,

    )).parsed
