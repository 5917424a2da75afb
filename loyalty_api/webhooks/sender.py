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
import time
from concurrent.futures import ThreadPoolExecutor, TimeoutError as FutureTimeout
from dataclasses import dataclass
from functools import lru_cache
from typing import Callable

import certifi
import httpcore

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
    target = check_url_shape(url)
    resolve_addresses(target.host, target.port, allow_private=allow_private, resolve=resolve)


@lru_cache(maxsize=1)
def _tls_context() -> ssl.SSLContext:
    # Loading the CA bundle takes ~0.1 s: once per process, not once per delivery.
    return ssl.create_default_context(cafile=certifi.where())


class _DeadlineStream(httpcore.NetworkStream):
    """Every read and write waits at most until the attempt's deadline: a receiver
    that trickles its answer a byte at a time cannot stretch one attempt past it
    (per-phase timeouts alone restart with every byte)."""

    def __init__(self, stream: httpcore.NetworkStream, deadline: float) -> None:
        self._stream, self._deadline = stream, deadline

    def _left(self, timeout: float | None) -> float:
        left = self._deadline - time.monotonic()
        if left <= 0:
            raise httpcore.ReadTimeout("the attempt's deadline passed")
        return left if timeout is None else min(timeout, left)

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self._stream.read(max_bytes, self._left(timeout))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self._stream.write(buffer, self._left(timeout))

    def close(self) -> None:
        self._stream.close()

    def start_tls(self, ssl_context: ssl.SSLContext, server_hostname: str | None = None,
                  timeout: float | None = None) -> httpcore.NetworkStream:
        return _DeadlineStream(self._stream.start_tls(ssl_context, server_hostname, self._left(timeout)),
                               self._deadline)

    def get_extra_info(self, info: str):
        return self._stream.get_extra_info(info)


class _DeadlineBackend(httpcore.NetworkBackend):
    def __init__(self, deadline: float) -> None:
        self._backend, self._deadline = httpcore.SyncBackend(), deadline

    def connect_tcp(self, host, port, timeout=None, local_address=None, socket_options=None):
        left = self._deadline - time.monotonic()
        if left <= 0:
            raise httpcore.ConnectTimeout("the attempt's deadline passed")
        stream = self._backend.connect_tcp(host, port, left if timeout is None else min(timeout, left),
                                           local_address, socket_options)
        return _DeadlineStream(stream, self._deadline)


@dataclass(frozen=True)
class Outcome:
    ok: bool
    status_code: int | None = None
    error: str | None = None
    retry_after: str | None = None  # the receiver's Retry-After header, as sent


def post(url: str, body: bytes, headers: dict[str, str], *, timeout: float, allow_private: bool,
         deadline: float | None = None, resolve: Resolver = socket.getaddrinfo) -> Outcome:
    """POST once; 2xx is success, anything else (or no answer in time) a failure.

    ``timeout`` bounds each phase (connect, write, read); ``deadline`` (seconds,
    default three phases) bounds the whole attempt after the DNS lookup. Never raises:
    whatever goes wrong is the attempt's failure.
    """
    try:
        target = check_url_shape(url)
        address = resolve_addresses(target.host, target.port, allow_private=allow_private, resolve=resolve)[0]
    except UnacceptableUrl as exc:
        return Outcome(False, error=f"refused: {exc}"[:200])
    pinned = httpcore.URL(scheme=target.scheme.encode(), host=address.encode(), port=target.port,
                          target=target.url.raw_path)
    extensions: dict = {"timeout": {"connect": timeout, "read": timeout, "write": timeout, "pool": timeout}}
    if target.scheme == "https":
        extensions["sni_hostname"] = target.host
    request_headers = {**headers, "Host": target.host_header, "User-Agent": USER_AGENT,
                       "Content-Type": "application/json", "Connection": "close"}
    ends_at = time.monotonic() + (deadline if deadline is not None else 3 * timeout)
    try:
        # No proxies from the environment, no redirects: the connection goes to the checked address.
        with httpcore.ConnectionPool(ssl_context=_tls_context(), max_connections=1,
                                     network_backend=_DeadlineBackend(ends_at)) as pool:
            # The answer's body is not read: only the status matters.
            with pool.stream("POST", pinned, headers=list(request_headers.items()), content=body,
                             extensions=extensions) as response:
                code = response.status
                retry_after = next((value.decode("latin-1") for name, value in response.headers
                                    if name.lower() == b"retry-after"), None)
    except httpcore.TimeoutException:
        return Outcome(False, error="timeout")
    except Exception as exc:  # noqa: BLE001 - a receiver must never be able to crash the sender
        return Outcome(False, error=f"{type(exc).__name__}: {exc}"[:200])
    ok = 200 <= code < 300
    return Outcome(ok, status_code=code, error=None if ok else f"HTTP {code}", retry_after=retry_after)
