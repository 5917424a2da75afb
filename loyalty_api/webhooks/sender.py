"""One HTTP delivery: resolve, refuse non-public addresses, POST to the checked address.

DNS rebinding: the name is resolved once here, every address it gives is checked,
and the connection goes to that checked address (the URL's host travels in the
``Host`` header and, for https, as the TLS server name, so certificates are still
verified against the name). Nothing is resolved a second time behind our back:
no redirects are followed and no proxy from the environment is used.
"""

from __future__ import annotations

import socket
import ssl
from concurrent.futures import ThreadPoolExecutor, TimeoutError as FutureTimeout
from dataclasses import dataclass
from functools import lru_cache
from typing import Callable
from urllib.parse import urlsplit

import certifi
import httpx

from loyalty_api.webhooks.rules import UnacceptableUrl, check_url_shape, refused_addresses

Resolver = Callable[..., list]
USER_AGENT = "loyalty-api-webhooks/1"


# getaddrinfo has no timeout of its own (resolv.conf retries can add up to tens of
# seconds), so lookups run on a small pool and are waited for at most DNS_TIMEOUT.
DNS_TIMEOUT_SECONDS = 5.0
_LOOKUPS = ThreadPoolExecutor(max_workers=8, thread_name_prefix="webhook-dns")


def resolve_addresses(host: str, port: int, *, allow_private: bool,
                      resolve: Resolver = socket.getaddrinfo) -> list[str]:
    """The host's addresses, all of them public unless ``allow_private``."""
    try:
        infos = _LOOKUPS.submit(resolve, host, port, type=socket.SOCK_STREAM).result(DNS_TIMEOUT_SECONDS)
    except FutureTimeout as exc:
        raise UnacceptableUrl(f"The host {host!r} could not be resolved in time.") from exc
    except (socket.gaierror, UnicodeError, OSError) as exc:
        raise UnacceptableUrl(f"The host {host!r} cannot be resolved.") from exc
    addresses = list(dict.fromkeys(info[4][0] for info in infos))
    if not addresses:
        raise UnacceptableUrl(f"The host {host!r} has no address.")
    refused = refused_addresses(addresses)
    if refused and not allow_private:
        raise UnacceptableUrl(f"The host resolves to a non-public address ({refused[0]}).")
    return addresses


def check_target(url: str, *, allow_private: bool, resolve: Resolver = socket.getaddrinfo) -> None:
    """For webhook creation: the URL's shape and, unless allowed, public addresses only."""
    _scheme, host, port = check_url_shape(url)
    resolve_addresses(host, port, allow_private=allow_private, resolve=resolve)


@lru_cache(maxsize=1)
def _tls_context() -> ssl.SSLContext:
    # Loading the CA bundle takes ~0.1 s: once per process, not once per delivery.
    return ssl.create_default_context(cafile=certifi.where())


@dataclass(frozen=True)
class Outcome:
    ok: bool
    status_code: int | None = None
    error: str | None = None


def post(url: str, body: bytes, headers: dict[str, str], *, timeout: float, allow_private: bool,
         resolve: Resolver = socket.getaddrinfo) -> Outcome:
    """POST once; 2xx is success, anything else (or no answer in time) a failure."""
    try:
        scheme, host, port = check_url_shape(url)
        address = resolve_addresses(host, port, allow_private=allow_private, resolve=resolve)[0]
    except UnacceptableUrl as exc:
        return Outcome(False, error=f"refused: {exc}"[:200])
    pinned = httpx.URL(url).copy_with(host=address)
    extensions = {"sni_hostname": host} if scheme == "https" else {}
    request_headers = {**headers, "Host": urlsplit(url).netloc, "User-Agent": USER_AGENT,
                       "Content-Type": "application/json", "Connection": "close"}
    try:
        with httpx.Client(timeout=timeout, follow_redirects=False, trust_env=False,
                          verify=_tls_context()) as client:
            request = client.build_request("POST", pinned, content=body, headers=request_headers,
                                           extensions=extensions)
            # The answer's body is not read: only the status matters, and a receiver
            # that streams a large or slow body must not hold the worker.
            response = client.send(request, stream=True)
            response.close()
    except httpx.TimeoutException:
        return Outcome(False, error="timeout")
    except httpx.HTTPError as exc:
        return Outcome(False, error=f"{type(exc).__name__}: {exc}"[:200])
    code = response.status_code
    return Outcome(200 <= code < 300, status_code=code, error=None if 200 <= code < 300 else f"HTTP {code}")
