"""The driver's HTTP client, sending through one pooled session.

mattermostdriver opens a new connection for every call (it calls `requests.post` and friends),
which under load costs more than the call itself; this subclass keeps connections alive.
"""

from __future__ import annotations

import os
from typing import Any

import requests
from mattermostdriver.client import Client
from requests.adapters import HTTPAdapter


class PooledClient(Client):  # type: ignore[misc]
    """mattermostdriver's `Client` with keep-alive connections; the endpoints stay the driver's."""

    def __init__(self, options: dict[str, Any]) -> None:
        super().__init__(options)
        self._session = requests.Session()
        # Proxy settings are read from the environment once, not on every call (requests
        # otherwise looks for them, and for a .netrc file, each time).
        self._session.proxies = requests.utils.get_environ_proxies(self.url)
        self._session.trust_env = False
        verify: bool | str = options["verify"]
        if verify is True:  # a CA bundle named in the environment still applies
            bundle = os.environ.get("REQUESTS_CA_BUNDLE") or os.environ.get("CURL_CA_BUNDLE")
            verify = bundle or True
        self._verify_with = verify
        adapter = HTTPAdapter(pool_connections=4, pool_maxsize=64)
        self._session.mount("http://", adapter)
        self._session.mount("https://", adapter)

    def make_request(
        self,
        method: str,
        endpoint: str,
        options: Any = None,
        params: Any = None,
        data: Any = None,
        files: Any = None,
        basepath: str | None = None,
    ) -> requests.Response:
        """Sends one request; an error status raises `requests.HTTPError` with the response."""
        response = self._session.request(
            method.upper(),
            self.url + endpoint,
            headers=self.auth_header(),
            json=options,
            params=params,
            data=data,
            files=files,
            timeout=self.request_timeout,
            verify=self._verify_with,
        )
        response.raise_for_status()
        return response
