from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.problem import Problem
from ...models.reward import Reward
from typing import cast



def _get_kwargs(
    reward_id: str,

) -> dict[str, Any]:
    

    

    

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/program/rewards/{reward_id}".format(reward_id=quote(str(reward_id), safe=""),),
    }


    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Problem | Reward:
    if response.status_code == 200:
        response_200 = Reward.from_dict(response.json())



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



def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[Problem | Reward]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    reward_id: str,
    *,
    client: AuthenticatedClient,

) -> Response[Problem | Reward]:
    """ Read a reward

     A reward of the catalogue, deleted ones included.

    Args:
        reward_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | Reward]
     """


    kwargs = _get_kwargs(
        reward_id=reward_id,

    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)

def sync(
    reward_id: str,
    *,
    client: AuthenticatedClient,

) -> Problem | Reward | None:
    """ Read a reward

     A reward of the catalogue, deleted ones included.

    Args:
        reward_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | Reward
     """


    return sync_detailed(
        reward_id=reward_id,
client=client,

    ).parsed

async def asyncio_detailed(
    reward_id: str,
    *,
    client: AuthenticatedClient,

) -> Response[Problem | Reward]:
    """ Read a reward

     A reward of the catalogue, deleted ones included.

    Args:
        reward_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | Reward]
     """


    kwargs = _get_kwargs(
        reward_id=reward_id,

    )

    response = await client.get_async_httpx_client().request(
        **kwargs
    )

    return _build_response(client=client, response=response)

async def asyncio(
    reward_id: str,
    *,
    client: AuthenticatedClient,

) -> Problem | Reward | None:
    """ Read a reward

     A reward of the catalogue, deleted ones included.

    Args:
        reward_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | Reward
     """


    return (await asyncio_detailed(
        reward_id=reward_id,
client=client,

    )).parsed
