from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.delivery_page import DeliveryPage
from ...models.list_webhook_deliveries_status_type_1 import ListWebhookDeliveriesStatusType1
from ...models.list_webhook_deliveries_status_type_2_type_1 import ListWebhookDeliveriesStatusType2Type1
from ...models.list_webhook_deliveries_status_type_3_type_1 import ListWebhookDeliveriesStatusType3Type1
from ...models.problem import Problem
from ...types import UNSET, Unset
from typing import cast
from uuid import UUID



def _get_kwargs(
    webhook_id: UUID,
    *,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
    status: ListWebhookDeliveriesStatusType1 | ListWebhookDeliveriesStatusType2Type1 | ListWebhookDeliveriesStatusType3Type1 | None | Unset = UNSET,

) -> dict[str, Any]:
    

    

    params: dict[str, Any] = {}

    params["limit"] = limit

    json_cursor: None | str | Unset
    if isinstance(cursor, Unset):
        json_cursor = UNSET
    else:
        json_cursor = cursor
    params["cursor"] = json_cursor

    json_status: None | str | Unset
    if isinstance(status, Unset):
        json_status = UNSET
    elif isinstance(status, ListWebhookDeliveriesStatusType1):
        json_status = status.value
    elif isinstance(status, ListWebhookDeliveriesStatusType2Type1):
        json_status = status.value
    elif isinstance(status, ListWebhookDeliveriesStatusType3Type1):
        json_status = status.value
    else:
        json_status = status
    params["status"] = json_status


    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}


    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/webhooks/{webhook_id}/deliveries".format(webhook_id=quote(str(webhook_id), safe=""),),
        "params": params,
    }


    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> DeliveryPage | Problem:
    if response.status_code == 200:
        response_200 = DeliveryPage.from_dict(response.json())



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



def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[DeliveryPage | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    webhook_id: UUID,
    *,
    client: AuthenticatedClient,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
    status: ListWebhookDeliveriesStatusType1 | ListWebhookDeliveriesStatusType2Type1 | ListWebhookDeliveriesStatusType3Type1 | None | Unset = UNSET,

) -> Response[DeliveryPage | Problem]:
    """ The delivery log, newest first: status, attempts, last response code

     The deliveries of the webhook, newest first, with status, attempts, last response code and next
    attempt.

    Args:
        webhook_id (UUID):
        limit (int | Unset):  Default: 50.
        cursor (None | str | Unset):
        status (ListWebhookDeliveriesStatusType1 | ListWebhookDeliveriesStatusType2Type1 |
            ListWebhookDeliveriesStatusType3Type1 | None | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[DeliveryPage | Problem]
     """


    kwargs = _get_kwargs(
        webhook_id=webhook_id,
limit=limit,
cursor=cursor,
status=status,

    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)

def sync(
    webhook_id: UUID,
    *,
    client: AuthenticatedClient,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
    status: ListWebhookDeliveriesStatusType1 | ListWebhookDeliveriesStatusType2Type1 | ListWebhookDeliveriesStatusType3Type1 | None | Unset = UNSET,

) -> DeliveryPage | Problem | None:
    """ The delivery log, newest first: status, attempts, last response code

     The deliveries of the webhook, newest first, with status, attempts, last response code and next
    attempt.

    Args:
        webhook_id (UUID):
        limit (int | Unset):  Default: 50.
        cursor (None | str | Unset):
        status (ListWebhookDeliveriesStatusType1 | ListWebhookDeliveriesStatusType2Type1 |
            ListWebhookDeliveriesStatusType3Type1 | None | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        DeliveryPage | Problem
     """


    return sync_detailed(
        webhook_id=webhook_id,
client=client,
limit=limit,
cursor=cursor,
status=status,

    ).parsed

async def asyncio_detailed(
    webhook_id: UUID,
    *,
    client: AuthenticatedClient,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
    status: ListWebhookDeliveriesStatusType1 | ListWebhookDeliveriesStatusType2Type1 | ListWebhookDeliveriesStatusType3Type1 | None | Unset = UNSET,

) -> Response[DeliveryPage | Problem]:
    """ The delivery log, newest first: status, attempts, last response code

     The deliveries of the webhook, newest first, with status, attempts, last response code and next
    attempt.

    Args:
        webhook_id (UUID):
        limit (int | Unset):  Default: 50.
        cursor (None | str | Unset):
        status (ListWebhookDeliveriesStatusType1 | ListWebhookDeliveriesStatusType2Type1 |
            ListWebhookDeliveriesStatusType3Type1 | None | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[DeliveryPage | Problem]
     """


    kwargs = _get_kwargs(
        webhook_id=webhook_id,
limit=limit,
cursor=cursor,
status=status,

    )

    response = await client.get_async_httpx_client().request(
        **kwargs
    )

    return _build_response(client=client, response=response)

async def asyncio(
    webhook_id: UUID,
    *,
    client: AuthenticatedClient,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
    status: ListWebhookDeliveriesStatusType1 | ListWebhookDeliveriesStatusType2Type1 | ListWebhookDeliveriesStatusType3Type1 | None | Unset = UNSET,

) -> DeliveryPage | Problem | None:
    """ The delivery log, newest first: status, attempts, last response code

     The deliveries of the webhook, newest first, with status, attempts, last response code and next
    attempt.

    Args:
        webhook_id (UUID):
        limit (int | Unset):  Default: 50.
        cursor (None | str | Unset):
        status (ListWebhookDeliveriesStatusType1 | ListWebhookDeliveriesStatusType2Type1 |
            ListWebhookDeliveriesStatusType3Type1 | None | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        DeliveryPage | Problem
     """


    return (await asyncio_detailed(
        webhook_id=webhook_id,
client=client,
limit=limit,
cursor=cursor,
status=status,

    )).parsed
