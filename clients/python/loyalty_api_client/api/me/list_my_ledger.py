from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.entry_page import EntryPage
from ...models.list_my_ledger_type_type_1 import ListMyLedgerTypeType1
from ...models.list_my_ledger_type_type_2_type_1 import ListMyLedgerTypeType2Type1
from ...models.list_my_ledger_type_type_3_type_1 import ListMyLedgerTypeType3Type1
from ...models.problem import Problem
from ...types import UNSET, Unset
from typing import cast



def _get_kwargs(
    *,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
    type_: ListMyLedgerTypeType1 | ListMyLedgerTypeType2Type1 | ListMyLedgerTypeType3Type1 | None | Unset = UNSET,
    order_id: None | str | Unset = UNSET,

) -> dict[str, Any]:
    

    

    params: dict[str, Any] = {}

    params["limit"] = limit

    json_cursor: None | str | Unset
    if isinstance(cursor, Unset):
        json_cursor = UNSET
    else:
        json_cursor = cursor
    params["cursor"] = json_cursor

    json_type_: None | str | Unset
    if isinstance(type_, Unset):
        json_type_ = UNSET
    elif isinstance(type_, ListMyLedgerTypeType1):
        json_type_ = type_.value
    elif isinstance(type_, ListMyLedgerTypeType2Type1):
        json_type_ = type_.value
    elif isinstance(type_, ListMyLedgerTypeType3Type1):
        json_type_ = type_.value
    else:
        json_type_ = type_
    params["type"] = json_type_

    json_order_id: None | str | Unset
    if isinstance(order_id, Unset):
        json_order_id = UNSET
    else:
        json_order_id = order_id
    params["order_id"] = json_order_id


    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}


    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/me/ledger",
        "params": params,
    }


    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> EntryPage | Problem:
    if response.status_code == 200:
        response_200 = EntryPage.from_dict(response.json())



        return response_200

    if response.status_code == 401:
        response_401 = Problem.from_dict(response.json())



        return response_401

    if response.status_code == 403:
        response_403 = Problem.from_dict(response.json())



        return response_403

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



def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[EntryPage | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
    type_: ListMyLedgerTypeType1 | ListMyLedgerTypeType2Type1 | ListMyLedgerTypeType3Type1 | None | Unset = UNSET,
    order_id: None | str | Unset = UNSET,

) -> Response[EntryPage | Problem]:
    """ The member's own ledger entries, newest first (member token)

     The member's own ledger entries, newest first, paged with `limit` and `cursor`. Needs a member
    token.

    Args:
        limit (int | Unset):  Default: 50.
        cursor (None | str | Unset):
        type_ (ListMyLedgerTypeType1 | ListMyLedgerTypeType2Type1 | ListMyLedgerTypeType3Type1 |
            None | Unset):
        order_id (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[EntryPage | Problem]
     """


    kwargs = _get_kwargs(
        limit=limit,
cursor=cursor,
type_=type_,
order_id=order_id,

    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)

def sync(
    *,
    client: AuthenticatedClient,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
    type_: ListMyLedgerTypeType1 | ListMyLedgerTypeType2Type1 | ListMyLedgerTypeType3Type1 | None | Unset = UNSET,
    order_id: None | str | Unset = UNSET,

) -> EntryPage | Problem | None:
    """ The member's own ledger entries, newest first (member token)

     The member's own ledger entries, newest first, paged with `limit` and `cursor`. Needs a member
    token.

    Args:
        limit (int | Unset):  Default: 50.
        cursor (None | str | Unset):
        type_ (ListMyLedgerTypeType1 | ListMyLedgerTypeType2Type1 | ListMyLedgerTypeType3Type1 |
            None | Unset):
        order_id (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        EntryPage | Problem
     """


    return sync_detailed(
        client=client,
limit=limit,
cursor=cursor,
type_=type_,
order_id=order_id,

    ).parsed

async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
    type_: ListMyLedgerTypeType1 | ListMyLedgerTypeType2Type1 | ListMyLedgerTypeType3Type1 | None | Unset = UNSET,
    order_id: None | str | Unset = UNSET,

) -> Response[EntryPage | Problem]:
    """ The member's own ledger entries, newest first (member token)

     The member's own ledger entries, newest first, paged with `limit` and `cursor`. Needs a member
    token.

    Args:
        limit (int | Unset):  Default: 50.
        cursor (None | str | Unset):
        type_ (ListMyLedgerTypeType1 | ListMyLedgerTypeType2Type1 | ListMyLedgerTypeType3Type1 |
            None | Unset):
        order_id (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[EntryPage | Problem]
     """


    kwargs = _get_kwargs(
        limit=limit,
cursor=cursor,
type_=type_,
order_id=order_id,

    )

    response = await client.get_async_httpx_client().request(
        **kwargs
    )

    return _build_response(client=client, response=response)

async def asyncio(
    *,
    client: AuthenticatedClient,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
    type_: ListMyLedgerTypeType1 | ListMyLedgerTypeType2Type1 | ListMyLedgerTypeType3Type1 | None | Unset = UNSET,
    order_id: None | str | Unset = UNSET,

) -> EntryPage | Problem | None:
    """ The member's own ledger entries, newest first (member token)

     The member's own ledger entries, newest first, paged with `limit` and `cursor`. Needs a member
    token.

    Args:
        limit (int | Unset):  Default: 50.
        cursor (None | str | Unset):
        type_ (ListMyLedgerTypeType1 | ListMyLedgerTypeType2Type1 | ListMyLedgerTypeType3Type1 |
            None | Unset):
        order_id (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        EntryPage | Problem
     """


    return (await asyncio_detailed(
        client=client,
limit=limit,
cursor=cursor,
type_=type_,
order_id=order_id,

    )).parsed
