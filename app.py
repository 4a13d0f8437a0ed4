"""Entrypoint, in two roles. `streamlit run app.py` imports this file for `app`: the server, Streamlit's
own routes plus the password sign-in, sign-out and health routes (pages/common/server.py). The server
then runs this same file as the script of every page (as __main__, as AppTest does), which builds
the navigation. Each page sets up its own sidebar (pages/common/layout.py), so a deep link works
the same whether or not this script ran first."""

import streamlit as st

if __name__ == "__main__":
    from pages.common.layout import navigation

    # the menu itself is drawn by each page (pages/common/layout.py), with links that keep the filters
    navigation().run()
else:
    from starlette.middleware import Middleware

    from pages.common.guard import RequestGuard
    from pages.common.layout import serve_app_navigation_only
    from pages.common.server import routes, stop_on_sigterm

    serve_app_navigation_only()
    stop_on_sigterm()
    app = st.App(__file__, routes=routes(), middleware=[Middleware(RequestGuard)])
