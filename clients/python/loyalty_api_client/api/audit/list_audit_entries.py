from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.audit_page import AuditPage
from ...models.list_audit_entries_action_type_1 import ListAuditEntriesActionType1
from ...models.list_audit_entries_action_type_2_type_1 import ListAuditEntriesActionType2Type1
from ...models.list_audit_entries_action_type_3_type_1 import ListAuditEntriesActionType3Type1
from ...models.problem import Problem
from ...types import UNSET, Unset
from typing import cast
import datetime



def _get_kwargs(
    *,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
    actor: None | str | Unset = UNSET,
    action: ListAuditEntriesActionType1 | ListAuditEntriesActionType2Type1 | ListAuditEntriesActionType3Type1 | None | Unset = UNSET,
    from_: datetime.datetime | None | Unset = UNSET,
    to: datetime.datetime | None | Unset = UNSET,

) -> dict[str, Any]:
    

    

    params: dict[str, Any] = {}

    params["limit"] = limit

    json_cursor: None | str | Unset
    if isinstance(cursor, Unset):
        json_cursor = UNSET
    else:
        json_cursor = cursor
    params["cursor"] = json_cursor

    json_actor: None | str | Unset
    if isinstance(actor, Unset):
        json_actor = UNSET
    else:
        json_actor = actor
    params["actor"] = json_actor

    json_action: None | str | Unset
    if isinstance(action, Unset):
        json_action = UNSET
    elif isinstance(action, ListAuditEntriesActionType1):
        json_action = action.value
    elif isinstance(action, ListAuditEntriesActionType2Type1):
        json_action = action.value
    elif isinstance(action, ListAuditEntriesActionType3Type1):
        json_action = action.value
    else:
        json_action = action
    params["action"] = json_action

    json_from_: None | str | Unset
    if isinstance(from_, Unset):
        json_from_ = UNSET
    elif isinstance(from_, datetime.datetime):
        json_from_ = from_.isoformat()
    else:
        json_from_ = from_
    params["from"] = json_from_

    json_to: None | str | Unset
    if isinstance(to, Unset):
        json_to = UNSET
    elif isinstance(to, datetime.datetime):
        json_to = to.isoformat()
    else:
        json_to = to
    params["to"] = json_to


    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}


    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/audit",
        "params": params,
    }


    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> AuditPage | Problem:
    if response.status_code == 200:
        response_200 = AuditPage.from_dict(response.json())



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



def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[AuditPage | Problem]:
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
    actor: None | str | Unset = UNSET,
    action: ListAuditEntriesActionType1 | ListAuditEntriesActionType2Type1 | ListAuditEntriesActionType3Type1 | None | Unset = UNSET,
    from_: datetime.datetime | None | Unset = UNSET,
    to: datetime.datetime | None | Unset = UNSET,

) -> Response[AuditPage | Problem]:
    """ Every change made with program:admin or members:write outside checkout, newest first

     Who (`actor`, the API client) changed what (`action`, `target`) and how (`changes`: before and after
    of each touched field; secrets and personal data never appear), with the request's `X-Request-Id`.
    Filters `actor`, `action`, `from` (inclusive), `to` (exclusive); cursor pages.

    Args:
        limit (int | Unset):  Default: 50.
        cursor (None | str | Unset):
        actor (None | str | Unset):  Example: cl_3f9a0c1d2e.
        action (ListAuditEntriesActionType1 | ListAuditEntriesActionType2Type1 |
            ListAuditEntriesActionType3Type1 | None | Unset):  Example: program.updated.
        from_ (datetime.datetime | None | Unset):
        to (datetime.datetime | None | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AuditPage | Problem]
     """


    kwargs = _get_kwargs(
        limit=limit,
cursor=cursor,
actor=actor,
action=action,
from_=from_,
to=to,

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
    actor: None | str | Unset = UNSET,
    action: ListAuditEntriesActionType1 | ListAuditEntriesActionType2Type1 | ListAuditEntriesActionType3Type1 | None | Unset = UNSET,
    from_: datetime.datetime | None | Unset = UNSET,
    to: datetime.datetime | None | Unset = UNSET,

) -> AuditPage | Problem | None:
    """ Every change made with program:admin or members:write outside checkout, newest first

     Who (`actor`, the API client) changed what (`action`, `target`) and how (`changes`: before and after
    of each touched field; secrets and personal data never appear), with the request's `X-Request-Id`.
    Filters `actor`, `action`, `from` (inclusive), `to` (exclusive); cursor pages.

    Args:
        limit (int | Unset):  Default: 50.
        cursor (None | str | Unset):
        actor (None | str | Unset):  Example: cl_3f9a0c1d2e.
        action (ListAuditEntriesActionType1 | ListAuditEntriesActionType2Type1 |
            ListAuditEntriesActionType3Type1 | None | Unset):  Example: program.updated.
        from_ (datetime.datetime | None | Unset):
        to (datetime.datetime | None | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AuditPage | Problem
     """


    return sync_detailed(
        client=client,
limit=limit,
cursor=cursor,
actor=actor,
action=action,
from_=from_,
to=to,

    ).parsed

async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
    actor: None | str | Unset = UNSET,
    action: ListAuditEntriesActionType1 | ListAuditEntriesActionType2Type1 | ListAuditEntriesActionType3Type1 | None | Unset = UNSET,
    from_: datetime.datetime | None | Unset = UNSET,
    to: datetime.datetime | None | Unset = UNSET,

) -> Response[AuditPage | Problem]:
    """ Every change made with program:admin or members:write outside checkout, newest first

     Who (`actor`, the API client) changed what (`action`, `target`) and how (`changes`: before and after
    of each touched field; secrets and personal data never appear), with the request's `X-Request-Id`.
    Filters `actor`, `action`, `from` (inclusive), `to` (exclusive); cursor pages.

    Args:
        limit (int | Unset):  Default: 50.
        cursor (None | str | Unset):
        actor (None | str | Unset):  Example: cl_3f9a0c1d2e.
        action (ListAuditEntriesActionType1 | ListAuditEntriesActionType2Type1 |
            ListAuditEntriesActionType3Type1 | None | Unset):  Example: program.updated.
        from_ (datetime.datetime | None | Unset):
        to (datetime.datetime | None | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AuditPage | Problem]
     """


    kwargs = _get_kwargs(
        limit=limit,
cursor=cursor,
actor=actor,
action=action,
from_=from_,
to=to,

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
    actor: None | str | Unset = UNSET,
    action: ListAuditEntriesActionType1 | ListAuditEntriesActionType2Type1 | ListAuditEntriesActionType3Type1 | None | Unset = UNSET,
    from_: datetime.datetime | None | Unset = UNSET,
    to: datetime.datetime | None | Unset = UNSET,

) -> AuditPage | Problem | None:
    """ Every change made with program:admin or members:write outside checkout, newest first

     Who (`actor`, the API client) changed what (`action`, `target`) and how (`changes`: before and after
    of each touched field; secrets and personal data never appear), with the request's `X-Request-Id`.
    Filters `actor`, `action`, `from` (inclusive), `to` (exclusive); cursor pages.

    Args:
        limit (int | Unset):  Default: 50.
        cursor (None | str | Unset):
        actor (None | str | Unset):  Example: cl_3f9a0c1d2e.
        action (ListAuditEntriesActionType1 | ListAuditEntriesActionType2Type1 |
            ListAuditEntriesActionType3Type1 | None | Unset):  Example: program.updated.
        from_ (datetime.datetime | None | Unset):
        to (datetime.datetime | None | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AuditPage | Problem
     """


    return (await asyncio_detailed(
        client=client,
limit=limit,
cursor=cursor,
actor=actor,
action=action,
from_=from_,
to=to,

    )).parsed
