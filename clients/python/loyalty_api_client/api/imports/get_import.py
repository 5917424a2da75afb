from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.import_ import Import
from ...models.problem import Problem
from typing import cast
from uuid import UUID



def _get_kwargs(
    import_id: UUID,

) -> dict[str, Any]:
    

    

    

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/imports/{import_id}".format(import_id=quote(str(import_id), safe=""),),
    }


    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Import | Problem:
    if response.status_code == 200:
        response_200 = Import.from_dict(response.json())



        return response_200

    if response.status_code == 401:
        response_401 = Problem.from_dict(response.json())



        return response_401

    if response.status_code == 403:
        response_403 = Problem.from_dict(response.json())



        return response_403

    if response.status_code == 404:
        response_404 = Problem.from_dict(response.json())



        return response_404

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
    import_id: UUID,
    *,
    client: AuthenticatedClient,

) -> Response[Import | Problem]:
    """ Read an import: its status and the counts so far

     The import's kind, status (`open` or `completed`), number of chunks and the counts of accepted and
    refused lines, members, lots and points so far.

    Args:
        import_id (UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Import | Problem]
     """


    kwargs = _get_kwargs(
        import_id=import_id,

    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)

def sync(
    import_id: UUID,
    *,
    client: AuthenticatedClient,

) -> Import | Problem | None:
    """ Read an import: its status and the counts so far

     The import's kind, status (`open` or `completed`), number of chunks and the counts of accepted and
    refused lines, members, lots and points so far.

    Args:
        import_id (UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Import | Problem
     """


    return sync_detailed(
        import_id=import_id,
client=client,

    ).parsed

async def asyncio_detailed(
    import_id: UUID,
    *,
    client: AuthenticatedClient,

) -> Response[Import | Problem]:
    """ Read an import: its status and the counts so far

     The import's kind, status (`open` or `completed`), number of chunks and the counts of accepted and
    refused lines, members, lots and points so far.

    Args:
        import_id (UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Import | Problem]
     """


    kwargs = _get_kwargs(
        import_id=import_id,

    )

    response = await client.get_async_httpx_client().request(
        **kwargs
    )

    return _build_response(client=client, response=response)

async def asyncio(
    import_id: UUID,
    *,
    client: AuthenticatedClient,

) -> Import | Problem | None:
    """ Read an import: its status and the counts so far

     The import's kind, status (`open` or `completed`), number of chunks and the counts of accepted and
    refused lines, members, lots and points so far.

    Args:
        import_id (UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Import | Problem
     """


    return (await asyncio_detailed(
        import_id=import_id,
client=client,

    )).parsed
