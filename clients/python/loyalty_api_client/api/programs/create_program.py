from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.problem import Problem
from ...models.program import Program
from ...models.program_create import ProgramCreate
from ...types import UNSET, Unset
from typing import cast



def _get_kwargs(
    *,
    body: ProgramCreate,
    idempotency_key: str | Unset = UNSET,

) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["Idempotency-Key"] = idempotency_key



    

    

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/programs",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Problem | Program:
    if response.status_code == 201:
        response_201 = Program.from_dict(response.json())



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



def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[Problem | Program]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    body: ProgramCreate,
    idempotency_key: str | Unset = UNSET,

) -> Response[Problem | Program]:
    """ Create a program (platform administrators)

     Creates a program with its name, currency and settings. Needs the `platform:admin` scope of a
    platform
    operator. `mode: test` makes a sandbox program with a clock of its own (`/v1/program/clock`).

    Args:
        idempotency_key (str | Unset):
        body (ProgramCreate):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | Program]
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
    body: ProgramCreate,
    idempotency_key: str | Unset = UNSET,

) -> Problem | Program | None:
    """ Create a program (platform administrators)

     Creates a program with its name, currency and settings. Needs the `platform:admin` scope of a
    platform
    operator. `mode: test` makes a sandbox program with a clock of its own (`/v1/program/clock`).

    Args:
        idempotency_key (str | Unset):
        body (ProgramCreate):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | Program
     """


    return sync_detailed(
        client=client,
body=body,
idempotency_key=idempotency_key,

    ).parsed

async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: ProgramCreate,
    idempotency_key: str | Unset = UNSET,

) -> Response[Problem | Program]:
    """ Create a program (platform administrators)

     Creates a program with its name, currency and settings. Needs the `platform:admin` scope of a
    platform
    operator. `mode: test` makes a sandbox program with a clock of its own (`/v1/program/clock`).

    Args:
        idempotency_key (str | Unset):
        body (ProgramCreate):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | Program]
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
    body: ProgramCreate,
    idempotency_key: str | Unset = UNSET,

) -> Problem | Program | None:
    """ Create a program (platform administrators)

     Creates a program with its name, currency and settings. Needs the `platform:admin` scope of a
    platform
    operator. `mode: test` makes a sandbox program with a clock of its own (`/v1/program/clock`).

    Args:
        idempotency_key (str | Unset):
        body (ProgramCreate):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | Program
     """


    return (await asyncio_detailed(
        client=client,
body=body,
idempotency_key=idempotency_key,

    )).parsed
