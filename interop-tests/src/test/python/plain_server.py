"""A plain Python Thrift server (not Parley) that Parley calls: ThriftServerTest.

Serves the Shop service generated from Parley's IDL (thrift --gen py) with TThreadedServer, framed transport and
the compact or binary protocol, multiplexed under a service name or not.

    PYTHONPATH=gen-py /usr/bin/python3 plain_server.py <plain|multiplexed:Name> <compact|binary> <lifetime seconds>

Prints "PORT <n>" once it listens on 127.0.0.1, and exits by itself when the lifetime is over, so that a test that
dies cannot leave it running.
"""
import os
import sys
import threading
import time

from thrift.TMultiplexedProcessor import TMultiplexedProcessor
from thrift.protocol.TBinaryProtocol import TBinaryProtocolFactory
from thrift.protocol.TCompactProtocol import TCompactProtocolFactory
from thrift.server.TServer import TThreadedServer
from thrift.transport.TSocket import TServerSocket
from thrift.transport.TTransport import TFramedTransportFactory

from shop import Shop
from shop.ttypes import Item, OutOfStock


class ShopHandler:
    def __init__(self):
        self.lines = []

    def add(self, a, b):
        return a + b

    def item(self, name):
        if name == "unicorn":
            raise OutOfStock(message="no " + name + " left")
        return Item(name=name, count=len(name))

    def note(self, line):
        self.lines.append(line)

    def notes(self):
        return list(self.lines)

    def slow(self, millis):
        time.sleep(millis / 1000.0)
        return "slept %d ms" % millis


class ListeningSocket(TServerSocket):
    """Listens once, before serve() asks it to, so that the port chosen by the system can be printed first."""

    def listen(self):
        if self.handle is None:
            TServerSocket.listen(self)


def main():
    mode, protocol, lifetime = sys.argv[1], sys.argv[2], float(sys.argv[3])
    processor = Shop.Processor(ShopHandler())
    if mode.startswith("multiplexed:"):
        multiplexed = TMultiplexedProcessor()
        multiplexed.registerProcessor(mode[len("multiplexed:"):], processor)
        processor = multiplexed
    protocol_factory = TBinaryProtocolFactory() if protocol == "binary" else TCompactProtocolFactory()
    socket = ListeningSocket(host="127.0.0.1", port=0)
    socket.listen()
    server = TThreadedServer(processor, socket, TFramedTransportFactory(), protocol_factory, daemon=True)
    timer = threading.Timer(lifetime, lambda: os._exit(0))
    timer.daemon = True
    timer.start()
    print("PORT %d" % socket.handle.getsockname()[1], flush=True)
    server.serve()


if __name__ == "__main__":
    main()
