from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.member import Member
from ...models.problem import Problem
from typing import cast



def _get_kwargs(
    identity_type: str,
    value: str,

) -> dict[str, Any]:
    

    

    

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/identities/{identity_type}/{value}".format(identity_type=quote(str(identity_type), safe=""),value=quote(str(value), safe=""),),
    }


    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Member | Problem:
    if response.status_code == 200:
        response_200 = Member.from_dict(response.json())



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



def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[Member | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    identity_type: str,
    value: str,
    *,
    client: AuthenticatedClient,

) -> Response[Member | Problem]:
    """ Find a member by card (number or QR payload), phone, email or external id (404 when unknown)

     The profile of the member holding the identity, as a till looks a customer up. The value is read in
    its canonical form (a card by its number or its QR payload, a phone in E.164); an identity nobody
    holds, or a value not valid for its type, answers 404.

    Args:
        identity_type (str):
        value (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Member | Problem]
     """


    kwargs = _get_kwargs(
        identity_type=identity_type,
value=value,

    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)

def sync(
    identity_type: str,
    value: str,
    *,
    client: AuthenticatedClient,

) -> Member | Problem | None:
    """ Find a member by card (number or QR payload), phone, email or external id (404 when unknown)

     The profile of the member holding the identity, as a till looks a customer up. The value is read in
    its canonical form (a card by its number or its QR payload, a phone in E.164); an identity nobody
    holds, or a value not valid for its type, answers 404.

    Args:
        identity_type (str):
        value (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Member | Problem
     """


    return sync_detailed(
        identity_type=identity_type,
value=value,
client=client,

    ).parsed

async def asyncio_detailed(
    identity_type: str,
    value: str,
    *,
    client: AuthenticatedClient,

) -> Response[Member | Problem]:
    """ Find a member by card (number or QR payload), phone, email or external id (404 when unknown)

     The profile of the member holding the identity, as a till looks a customer up. The value is read in
    its canonical form (a card by its number or its QR payload, a phone in E.164); an identity nobody
    holds, or a value not valid for its type, answers 404.

    Args:
        identity_type (str):
        value (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Member | Problem]
     """


    kwargs = _get_kwargs(
        identity_type=identity_type,
value=value,

    )

    response = await client.get_async_httpx_client().request(
        **kwargs
    )

    return _build_response(client=client, response=response)

async def asyncio(
    identity_type: str,
    value: str,
    *,
    client: AuthenticatedClient,

) -> Member | Problem | None:
    """ Find a member by card (number or QR payload), phone, email or external id (404 when unknown)

     The profile of the member holding the identity, as a till looks a customer up. The value is read in
    its canonical form (a card by its number or its QR payload, a phone in E.164); an identity nobody
    holds, or a value not valid for its type, answers 404.

    Args:
        identity_type (str):
        value (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Member | Problem
     """


    return (await asyncio_detailed(
        identity_type=identity_type,
value=value,
client=client,

    )).parsed
