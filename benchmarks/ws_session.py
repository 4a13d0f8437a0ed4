"""A Streamlit session driven over its websocket, as the browser drives it, without a browser:
for the load benchmark (what the server spends per session, not what Chromium does) and for
tests of what a client may do with a session id read from a log (tests/e2e/test_sessions.py).

Protocol (streamlit/web/server/starlette/starlette_websocket.py): connect to /_stcore/stream
with the subprotocols ["streamlit", <xsrf token>, <existing session id>]; send a BackMsg
`rerun_script` naming the page and query string; read ForwardMsgs until `script_finished`."""

from __future__ import annotations

import asyncio
import concurrent.futures
import time
from dataclasses import dataclass, field

import websockets
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

NO_TOKEN = "no-xsrf-token"  # a subprotocol entry may not be empty; positions matter (the third is the session id)


@dataclass
class PageRun:
    session_id: str
    seconds: float  # from the rerun request to script_finished
    texts: list[str] = field(default_factory=list)  # every string the run sent to the page
    kinds: list[str] = field(default_factory=list)  # every element's type ("markdown", "file_uploader", …)
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

    def __init__(self, base_url: str, session_id: str | None = None, cookies: dict[str, str] | None = None,
                 xsrf: str | None = None, timeout: float = 120.0):
        """`session_id`: resume that session; `cookies`: sent in the handshake (none, as a script
        would send); `xsrf`: the token of the `_streamlit_xsrf` cookie, without which Streamlit
        reads no sign-in cookie of its own (st.login)."""
        self._base_url = base_url
        self._url = base_url.replace("http", "ws", 1) + "/_stcore/stream"
        cookie = "; ".join(f"{name}={value}" for name, value in (cookies or {}).items())
        self._headers = {"Origin": base_url, **({"Cookie": cookie} if cookie else {})}
        self._subprotocols = ["streamlit", xsrf or NO_TOKEN] + ([session_id] if session_id else [])
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
        request.rerun_script.context_info.url = f"{self._base_url}/{page}"
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
                    if element.WhichOneof("type"):
                        run.kinds.append(element.WhichOneof("type"))
                    if element.WhichOneof("type") == "exception":
                        run.exception = f"{element.exception.type}: {element.exception.message}"
                elif kind == "script_finished" and message.script_finished != ForwardMsg.FINISHED_EARLY_FOR_RERUN:
                    run.seconds = time.perf_counter() - started
                    return run


async def run_page(base_url: str, page: str = "", query: str = "", *, session_id: str | None = None,
                   cookies: dict[str, str] | None = None, xsrf: str | None = None, timeout: float = 120.0) -> PageRun:
    """A session of its own (resuming `session_id` when given) that runs one page."""
    async with Session(base_url, session_id, cookies, xsrf, timeout) as session:
        return await session.open(page, query)


def run_page_sync(*args, **kwargs) -> PageRun:
    """`run_page` for synchronous code, in a thread of its own: beside Playwright's synchronous API,
    which keeps an event loop running in the calling thread."""
    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        return pool.submit(lambda: asyncio.run(run_page(*args, **kwargs))).result()
