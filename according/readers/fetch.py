"""Download one page the user asked for by URL.

Only ever called for a URL the user typed: readers never follow links, so a batch over
local files makes no network traffic. The size cap holds while streaming (and after
decompression), so a huge or endless response costs at most the cap in memory.
"""

from __future__ import annotations

import time

import httpx

from according.errors import FetchFailed, InputError, InputTooLarge
from according.settings import DEFAULT_SETTINGS

USER_AGENT = "according/0 (news report reader)"
_ACCEPT = (
    "text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,"
    "application/xml;q=0.9,text/plain;q=0.9,*/*;q=0.5"
)


def fetch_url(
    url: str, timeout: float, *, max_bytes: int = DEFAULT_SETTINGS.max_input_bytes
) -> tuple[bytes, str | None]:
    """The body and Content-Type of ``url`` after redirects; FetchFailed with the reason.

    ``timeout`` bounds each network wait and also the whole download, so a server that
    trickles bytes cannot hold a batch hostage.
    """
    waited = f"timed out after {timeout:g} s"
    deadline = time.monotonic() + timeout
    try:
        with (
            httpx.Client(
                follow_redirects=True,
                timeout=httpx.Timeout(timeout),
                headers={"User-Agent": USER_AGENT, "Accept": _ACCEPT},
            ) as client,
            client.stream("GET", url) as response,
        ):
            if not response.is_success:
                reason = f" {response.reason_phrase}" if response.reason_phrase else ""
                raise FetchFailed(f"HTTP {response.status_code}{reason}", source=url)
            _check_declared_size(response, url, max_bytes)
            chunks: list[bytes] = []
            size = 0
            for chunk in response.iter_bytes():
                size += len(chunk)
                if size > max_bytes:
                    raise InputTooLarge(
                        f"response larger than the limit of {max_bytes} bytes", source=url
                    )
                if time.monotonic() > deadline:
                    raise FetchFailed(waited, source=url)
                chunks.append(chunk)
            return b"".join(chunks), response.headers.get("Content-Type")
    except InputError:
        raise
    except httpx.TimeoutException:
        raise FetchFailed(waited, source=url) from None
    except httpx.TooManyRedirects:
        raise FetchFailed("too many redirects", source=url) from None
    except (httpx.UnsupportedProtocol, httpx.InvalidURL, UnicodeError, ValueError) as exc:
        # UnicodeError: httpx lets the idna codec's errors on bad host names through.
        raise FetchFailed(f"not a fetchable http(s) URL ({_one_line(exc)})", source=url) from None
    except httpx.ConnectError as exc:
        raise FetchFailed(f"cannot connect ({_one_line(exc)})", source=url) from None
    except (httpx.HTTPError, httpx.StreamError, OSError) as exc:
        raise FetchFailed(f"download failed ({_one_line(exc)})", source=url) from None
    except Exception as exc:  # a network stack's surprise must still name the URL
        raise FetchFailed(
            f"download failed ({type(exc).__name__}: {_one_line(exc)})", source=url
        ) from exc


def _check_declared_size(response: httpx.Response, url: str, max_bytes: int) -> None:
    """Refuse before downloading when the server says up front the body is too big."""
    declared = response.headers.get("Content-Length", "")
    if declared.isdigit() and int(declared) > max_bytes:
        raise InputTooLarge(
            f"response of {declared} bytes is larger than the limit of {max_bytes} bytes",
            source=url,
        )


def _one_line(exc: BaseException) -> str:
    return (" ".join(str(exc).split()) or type(exc).__name__)[:200]
