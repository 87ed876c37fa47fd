"""uvicorn's h11 protocol, with the idle timeout armed from the first byte.

uvicorn closes a keep-alive connection that stays idle after a response, but a
connection that never sends a request at all is kept for ever: a few thousand of them
hold every file descriptor the server has. Arming the same timer when the connection is
made closes those too; the first byte of a request disarms it, as in uvicorn.
"""

from __future__ import annotations

import asyncio

from uvicorn.protocols.http.h11_impl import H11Protocol


class IdleBoundH11Protocol(H11Protocol):
    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self.timeout_keep_alive_task = self.loop.call_later(
            self.timeout_keep_alive, self.timeout_keep_alive_handler
        )
