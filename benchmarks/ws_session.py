"""A Streamlit session driven over its websocket, as the browser drives it, without a browser:
for the load benchmark (what the server spends per session, not what Chromium does) and for
tests of what a client may resume with a session id alone.

Protocol (streamlit/web/server/starlette/starlette_websocket.py): connect to /_stcore/stream
with the subprotocols ["streamlit", <xsrf token>, <existing session id>]; send a BackMsg
`rerun_script` naming the page and query string; read ForwardMsgs until `script_finished`."""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass, field

import websockets
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

NO_TOKEN = "-"  # a subprotocol entry may not be empty; the server reads "-" as a token that does not match


@dataclass
class PageRun:
    session_id: str
    seconds: float  # from the rerun request to script_finished
    texts: list[str] = field(default_factory=list)  # every string the run sent to the page
    exception: str | None = None  # an exception element the page showed

    def shows(self, text: str) -> bool:
        return any(text in t for t in self.texts)


def _strings(message, out: list[str]) -> None:
    """Every string field of a protobuf message, depth first (markdown bodies, labels, alerts)."""
    for descriptor, value in message.ListFields():
        values = value if descriptor.is_repeated else [value]
        if descriptor.type == descriptor.TYPE_MESSAGE:
            for item in values:
                if hasattr(item, "ListFields"):  # a map's values can be plain
                    _strings(item, out)
        elif descriptor.type == descriptor.TYPE_STRING:
            out.extend(values)


class Session:
    """One browser tab's session: one websocket, on which each `open` runs a page, as a click in
    the menu does (the session, its state and the server's script cache stay)."""

    def __init__(self, base_url: str, session_id: str | None = None, cookie: str | None = None, timeout: float = 120.0):
        self._url = base_url.replace("http", "ws", 1) + "/_stcore/stream"
        self._headers = {"Origin": base_url, **({"Cookie": cookie} if cookie else {})}
        self._subprotocols = ["streamlit", NO_TOKEN] + ([session_id] if session_id else [])
        self.session_id = session_id or ""
        self._timeout = timeout
        self._socket = None

    async def __aenter__(self) -> "Session":
        self._socket = await websockets.connect(self._url, subprotocols=self._subprotocols,
                                                additional_headers=self._headers, max_size=None,
                                                open_timeout=self._timeout)
        return self

    async def __aexit__(self, *exc) -> None:
        await self._socket.close()

    async def open(self, page: str = "", query: str = "") -> PageRun:
        """Runs one page (its url path: "portfolio"), returns what it showed."""
        request = BackMsg()
        request.rerun_script.query_string = query
        request.rerun_script.page_name = page
        started = time.perf_counter()
        await self._socket.send(request.SerializeToString())
        run = PageRun(self.session_id, 0.0)
        async with asyncio.timeout(self._timeout):
            while True:
                message = ForwardMsg()
                message.ParseFromString(await self._socket.recv())
                kind = message.WhichOneof("type")
                if kind == "new_session":
                    self.session_id = run.session_id = message.new_session.initialize.session_id or self.session_id
                elif kind == "delta":
                    _strings(message.delta, run.texts)
                    element = message.delta.new_element
                    if element.WhichOneof("type") == "exception":
                        run.exception = f"{element.exception.type}: {element.exception.message}"
                elif kind == "script_finished" and message.script_finished != ForwardMsg.FINISHED_EARLY_FOR_RERUN:
                    run.seconds = time.perf_counter() - started
                    return run


async def run_page(base_url: str, page: str = "", query: str = "", session_id: str | None = None,
                   cookie: str | None = None, timeout: float = 120.0) -> PageRun:
    """A session of its own (resuming `session_id` when given) that runs one page."""
    async with Session(base_url, session_id, cookie, timeout) as session:
        return await session.open(page, query)


def run_page_sync(*args, **kwargs) -> PageRun:
    return asyncio.run(run_page(*args, **kwargs))
