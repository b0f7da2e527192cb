"""QtInstanceServer: the running app's end of the single-instance socket."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket

from backstretch.core.instance import MAX_MESSAGE, Request


class QtInstanceServer(QObject):
    """Listens for later launches; each valid request is answered "ok" and emitted."""

    requested = Signal(object)  # Request

    def __init__(self, name: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.name = name
        self._server = QLocalServer(self)
        self._server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        if not self._server.listen(name):
            # A socket left behind by an instance that died (kill -9, power cut): nobody
            # answered the launcher, so it is stale; remove it and listen again.
            QLocalServer.removeServer(name)
            self._server.listen(name)
        self._server.newConnection.connect(self._accept)

    def close(self) -> None:
        self._server.close()

    def _accept(self) -> None:
        while self._server.hasPendingConnections():
            socket = self._server.nextPendingConnection()
            buffer = bytearray()

            def read(socket: QLocalSocket = socket, buffer: bytearray = buffer) -> None:
                buffer.extend(bytes(socket.readAll().data()))
                if b"\n" not in buffer and len(buffer) < MAX_MESSAGE:
                    return
                request = Request.decode(bytes(buffer).split(b"\n", 1)[0])
                socket.write(b"ok\n" if request is not None else b"no\n")
                socket.flush()
                socket.disconnectFromServer()
                if request is not None:
                    self.requested.emit(request)

            socket.readyRead.connect(read)
            socket.disconnected.connect(socket.deleteLater)


def hand_over_qt(name: str, request: Request, timeout_ms: int = 1000) -> bool:
    """The launcher's side where there are no Unix sockets (Windows named pipes)."""
    socket = QLocalSocket()
    socket.connectToServer(name)
    if not socket.waitForConnected(timeout_ms):
        return False
    socket.write(request.encode())
    socket.flush()
    answered = socket.waitForReadyRead(timeout_ms) and bytes(socket.readAll().data()).startswith(
        b"ok"
    )
    socket.disconnectFromServer()
    return answered
