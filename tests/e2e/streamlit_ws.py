"""A client of Streamlit's own websocket protocol, without a browser: what an attacker who has
read a session id from a log can do. It connects to `/_stcore/stream` the way the frontend does —
the `Sec-WebSocket-Protocol` header carries "streamlit", then the XSRF token, then the id of a
session to resume (streamlit/web/server/starlette/starlette_websocket.py) — asks for one run of a
page (a BackMsg `rerun_script`) and reads the ForwardMsgs until the run has finished."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ClientState_pb2 import ContextInfo
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from websockets.sync.client import connect


@dataclass
class Run:
    session_id: str = ""
    texts: list[str] = field(default_factory=list)  # every element's text, label or body, in order
    kinds: list[str] = field(default_factory=list)  # every element's type ("markdown", "file_uploader", …)

    def shows(self, text: str) -> bool:
        return any(text in t for t in self.texts)


def _element_text(element) -> str:
    kind = element.WhichOneof("type")
    inner = getattr(element, kind)
    for name in ("body", "label", "value"):
        if name in inner.DESCRIPTOR.fields_by_name and isinstance(getattr(inner, name), str):
            if getattr(inner, name):
                return getattr(inner, name)
    return ""


def run_page(base_url: str, page: str = "", *, cookies: dict[str, str] | None = None, session_id: str | None = None,
             xsrf: str | None = None, timeout: float = 60) -> Run:
    """One run of `page` (its url path: "" is home) in a new session, or in the session `session_id`
    names; with these cookies in the handshake (none by default, as a script would send)."""
    parts = urlsplit(base_url)
    headers = {"Origin": f"{parts.scheme}://{parts.netloc}"}
    if cookies:
        headers["Cookie"] = "; ".join(f"{name}={value}" for name, value in cookies.items())
    # positions matter: the third entry is the session id, so an empty XSRF token gets a stand-in
    protocols = ["streamlit", xsrf or "no-xsrf-token"] + ([session_id] if session_id else [])
    run = Run()
    with connect(f"ws://{parts.netloc}/_stcore/stream", subprotocols=protocols, additional_headers=headers,
                 open_timeout=timeout, max_size=None) as socket:
        message = BackMsg()
        message.rerun_script.page_name = page
        message.rerun_script.context_info.CopyFrom(ContextInfo(url=f"{base_url}/{page}"))
        socket.send(message.SerializeToString())
        deadline = time.monotonic() + timeout
        while True:
            forward = ForwardMsg()
            forward.ParseFromString(socket.recv(timeout=max(0.1, deadline - time.monotonic())))
            kind = forward.WhichOneof("type")
            if kind == "new_session":
                run.session_id = forward.new_session.initialize.session_id
            elif kind == "delta" and forward.delta.WhichOneof("type") == "new_element":
                element = forward.delta.new_element
                run.kinds.append(element.WhichOneof("type"))
                run.texts.append(_element_text(element))
            elif kind == "script_finished":
                return run
