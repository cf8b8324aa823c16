"""The kiosk opens no network connection: QML gets a network that refuses.

Everything the kiosk shows is on its own disk. A stray `http://` source in a
QML file (an image, a font, an XMLHttpRequest) must fail on the spot rather
than reach out from an exhibition hall, so every QNetworkAccessManager the
QML engine makes answers non-local requests with an error, without a socket.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QIODevice, QObject, QUrl
from PySide6.QtNetwork import QNetworkAccessManager, QNetworkReply, QNetworkRequest
from PySide6.QtQml import QQmlEngine, QQmlNetworkAccessManagerFactory

log = logging.getLogger(__name__)

LOCAL_SCHEMES = frozenset({"qrc", "data"})
# No Qt backend serves this scheme, so Qt answers with ProtocolUnknownError
# ("Protocol "kiosk-offline" is unknown") and never opens a socket.
REFUSED_SCHEME = "kiosk-offline"

# Qt does not own a factory, yet the engine's C++ side (and its loader
# threads) call it until the engine is destroyed: keep each one until then.
_live_factories: set[QQmlNetworkAccessManagerFactory] = set()


def is_local(url: QUrl) -> bool:
    if url.scheme() == "file":
        return url.host() in ("", "localhost")  # file://server/share would be a network share
    return url.scheme() in LOCAL_SCHEMES


class RefusingNetworkAccessManager(QNetworkAccessManager):
    def createRequest(  # noqa: N802 (Qt's name)
        self,
        operation: QNetworkAccessManager.Operation,
        request: QNetworkRequest,
        outgoing_data: QIODevice | None = None,
    ) -> QNetworkReply:
        if is_local(request.url()):
            return super().createRequest(operation, request, outgoing_data)
        log.warning("refused network request to %s: the kiosk works offline", request.url().toString())
        refused = QNetworkRequest(request)
        url = QUrl(request.url())
        url.setScheme(REFUSED_SCHEME)
        refused.setUrl(url)
        return super().createRequest(operation, refused, outgoing_data)


class RefusingNetworkFactory(QQmlNetworkAccessManagerFactory):
    # Qt may call create() from several threads at once; it keeps no state.
    def create(self, parent: QObject) -> QNetworkAccessManager:
        return RefusingNetworkAccessManager(parent)


def refuse_network(engine: QQmlEngine) -> None:
    """Make every network request from `engine`'s QML fail without a connection.

    Call before loading any QML: the engine makes its managers on first use.
    """
    factory = RefusingNetworkFactory()
    _live_factories.add(factory)
    engine.setNetworkAccessManagerFactory(factory)
    # The closure holds the factory, not the engine, which it would keep alive.
    engine.destroyed.connect(lambda: _live_factories.discard(factory))
