from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.problem import Problem
from ...models.token import Token
from ...models.token_request import TokenRequest
from ...types import UNSET, Unset
from typing import cast



def _get_kwargs(
    *,
    body: TokenRequest | Unset = UNSET,

) -> dict[str, Any]:
    headers: dict[str, Any] = {}


    

    

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/auth/token",
    }

    
    if not isinstance(body, Unset):
        _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Problem | Token:
    if response.status_code == 200:
        response_200 = Token.from_dict(response.json())



        return response_200

    if response.status_code == 400:
        response_400 = Problem.from_dict(response.json())



        return response_400

    if response.status_code == 401:
        response_401 = Problem.from_dict(response.json())



        return response_401

    if response.status_code == 413:
        response_413 = Problem.from_dict(response.json())



        return response_413

    if response.status_code == 415:
        response_415 = Problem.from_dict(response.json())



        return response_415

    if response.status_code == 429:
        response_429 = Problem.from_dict(response.json())



        return response_429

    response_default = Problem.from_dict(response.json())



    return response_default



def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[Problem | Token]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: TokenRequest | Unset = UNSET,

) -> Response[Problem | Token]:
    """ Exchange client credentials for a bearer token

     OAuth2 client credentials (RFC 6749 §4.4). Credentials go in the JSON body, or in
    an `application/x-www-form-urlencoded` body as RFC 6749 describes it, or in an HTTP
    Basic `Authorization` header. Omit `scope` to get every scope of the client.

    Args:
        body (TokenRequest | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | Token]
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
    client: AuthenticatedClient | Client,
    body: TokenRequest | Unset = UNSET,

) -> Problem | Token | None:
    """ Exchange client credentials for a bearer token

     OAuth2 client credentials (RFC 6749 §4.4). Credentials go in the JSON body, or in
    an `application/x-www-form-urlencoded` body as RFC 6749 describes it, or in an HTTP
    Basic `Authorization` header. Omit `scope` to get every scope of the client.

    Args:
        body (TokenRequest | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | Token
     """


    return sync_detailed(
        client=client,
body=body,

    ).parsed

async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: TokenRequest | Unset = UNSET,

) -> Response[Problem | Token]:
    """ Exchange client credentials for a bearer token

     OAuth2 client credentials (RFC 6749 §4.4). Credentials go in the JSON body, or in
    an `application/x-www-form-urlencoded` body as RFC 6749 describes it, or in an HTTP
    Basic `Authorization` header. Omit `scope` to get every scope of the client.

    Args:
        body (TokenRequest | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | Token]
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
    client: AuthenticatedClient | Client,
    body: TokenRequest | Unset = UNSET,

) -> Problem | Token | None:
    """ Exchange client credentials for a bearer token

     OAuth2 client credentials (RFC 6749 §4.4). Credentials go in the JSON body, or in
    an `application/x-www-form-urlencoded` body as RFC 6749 describes it, or in an HTTP
    Basic `Authorization` header. Omit `scope` to get every scope of the client.

    Args:
        body (TokenRequest | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | Token
     """


    return (await asyncio_detailed(
        client=client,
body=body,

    )).parsed
