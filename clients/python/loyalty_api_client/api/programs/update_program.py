from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.problem import Problem
from ...models.program import Program
from ...models.program_patch import ProgramPatch
from ...types import UNSET, Unset
from typing import cast



def _get_kwargs(
    *,
    body: ProgramPatch | Unset = UNSET,

) -> dict[str, Any]:
    headers: dict[str, Any] = {}


    

    

    _kwargs: dict[str, Any] = {
        "method": "patch",
        "url": "/v1/program",
    }

    
    if not isinstance(body, Unset):
        _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/merge-patch+json"

    _kwargs["headers"] = headers
    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Problem | Program:
    if response.status_code == 200:
        response_200 = Program.from_dict(response.json())



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
    body: ProgramPatch | Unset = UNSET,

) -> Response[Problem | Program]:
    """ Change settings with a JSON merge patch (RFC 7396); currency is fixed

     Send `Content-Type: application/merge-patch+json` (`application/json` is accepted
    too). Members present replace, `null` removes a setting (back to its default),
    absent members stay; the merged settings are validated as a whole.

    Args:
        body (ProgramPatch | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | Program]
     """


    kwargs = _get_kwargs(
        body=body,

    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)

def sync(
    *,
    client: AuthenticatedClient,
    body: ProgramPatch | Unset = UNSET,

) -> Problem | Program | None:
    """ Change settings with a JSON merge patch (RFC 7396); currency is fixed

     Send `Content-Type: application/merge-patch+json` (`application/json` is accepted
    too). Members present replace, `null` removes a setting (back to its default),
    absent members stay; the merged settings are validated as a whole.

    Args:
        body (ProgramPatch | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | Program
     """


    return sync_detailed(
        client=client,
body=body,

    ).parsed

async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: ProgramPatch | Unset = UNSET,

) -> Response[Problem | Program]:
    """ Change settings with a JSON merge patch (RFC 7396); currency is fixed

     Send `Content-Type: application/merge-patch+json` (`application/json` is accepted
    too). Members present replace, `null` removes a setting (back to its default),
    absent members stay; the merged settings are validated as a whole.

    Args:
        body (ProgramPatch | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | Program]
     """


    kwargs = _get_kwargs(
        body=body,

    )

    response = await client.get_async_httpx_client().request(
        **kwargs
    )

    return _build_response(client=client, response=response)

async def asyncio(
    *,
    client: AuthenticatedClient,
    body: ProgramPatch | Unset = UNSET,

) -> Problem | Program | None:
    """ Change settings with a JSON merge patch (RFC 7396); currency is fixed

     Send `Content-Type: application/merge-patch+json` (`application/json` is accepted
    too). Members present replace, `null` removes a setting (back to its default),
    absent members stay; the merged settings are validated as a whole.

    Args:
        body (ProgramPatch | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | Program
     """


    return (await asyncio_detailed(
        client=client,
body=body,

    )).parsed
