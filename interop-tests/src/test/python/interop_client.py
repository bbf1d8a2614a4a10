"""A standard Thrift client in Python calling a Java Parley server.

It uses only Debian's python3-thrift (0.17) and the Python code that `thrift --gen py` made from the IDL Parley
generated (package `interop`): framed transport, compact or binary protocol, and TMultiplexedProtocol with the
service name "Interop#interop", the service and the object id (a named object's id is its name).

    /usr/bin/python3 interop_client.py PORT compact|binary [CASE ...]

Prints "PASS case" or "FAIL case: reason" for each case and exits with 1 when any failed.
"""
import math
import sys
import time
import traceback

from thrift.Thrift import TApplicationException, TMessageType
from thrift.protocol import TBinaryProtocol, TCompactProtocol
from thrift.protocol.TMultiplexedProtocol import TMultiplexedProtocol
from thrift.transport import TSocket, TTransport

from interop import Interop
from interop.ttypes import (Address, Color, Customer, DivisionByZero, Duration, Instant, Line, NotANumber, Order,
                            Stamp)

HOST = "127.0.0.1"
SERVICE = "Interop#interop"
I64_MAX = 2 ** 63 - 1
I64_MIN = -(2 ** 63)


class Connection:
    """One framed TCP connection to the server, in the chosen protocol."""

    def __init__(self, port, protocol):
        socket = TSocket.TSocket(HOST, port)
        socket.setTimeout(10000)
        self.transport = TTransport.TFramedTransport(socket)
        if protocol == "compact":
            self.protocol = TCompactProtocol.TCompactProtocol(self.transport)
        else:
            self.protocol = TBinaryProtocol.TBinaryProtocol(self.transport)
        self.transport.open()

    def client(self, service=SERVICE):
        return Interop.Client(TMultiplexedProtocol(self.protocol, service))

    def close(self):
        self.transport.close()


def expect_application_exception(call, kind, text=None):
    try:
        result = call()
    except TApplicationException as e:
        assert e.type == kind, "TApplicationException type %d, expected %d: %s" % (e.type, kind, e.message)
        assert text is None or text in e.message, "message %r does not contain %r" % (e.message, text)
        return e
    raise AssertionError("expected a TApplicationException of type %d, got the result %r" % (kind, result))


def case_results(c):
    calc = c.client()
    assert calc.add(2, 3) == 5
    assert calc.greet("python") == "hello, python", "the inherited method of service Greeter"
    assert calc.later("abc") == "ABC", "an asynchronous Java method is an ordinary call"


def case_i64_extremes(c):
    calc = c.client()
    assert calc.add(I64_MAX, 0) == I64_MAX
    assert calc.add(I64_MIN, 0) == I64_MIN
    assert calc.negate(I64_MAX) == -I64_MAX
    assert calc.add(I64_MAX, 1) == I64_MIN, "Java long arithmetic wraps"
    assert calc.add(2 ** 40, 5) == 2 ** 40 + 5


def case_declared_exceptions(c):
    calc = c.client()
    assert calc.divide(1.0, 4.0) == 0.25
    try:
        calc.divide(1.0, 0.0)
        raise AssertionError("divide by zero returned")
    except DivisionByZero as e:
        assert e.message == "cannot divide 1.0 by zero", e.message
    try:
        calc.divide(math.nan, 1.0)
        raise AssertionError("divide NaN returned")
    except NotANumber as e:
        assert e.message == "NaN is not a number", e.message


def case_oneway(c):
    calc = c.client()
    calc.note("from python")
    deadline = time.monotonic() + 5
    while "from python" not in calc.notes():
        assert time.monotonic() < deadline, "the oneway note never arrived: %r" % calc.notes()
        time.sleep(0.02)


def case_binary(c):
    calc = c.client()
    data = bytes(range(256))
    assert calc.reverse(data) == data[::-1]
    assert calc.reverse(b"") == b""
    big = bytes(i % 251 for i in range(1024 * 1024))
    assert calc.reverse(big) == big[::-1], "1 MiB of binary"


def case_nested_structs(c):
    calc = c.client()
    order = Order(id="123e4567-e89b-12d3-a456-426614174000",
                  customer=Customer(name="Ada", address=Address(city="London", lines=["12 St James's Square"])),
                  lines=[Line(product="tea", quantity=2, price="3.50"), Line(product="scone", quantity=1,
                                                                              price="1E+1")],
                  totals={"tea": 700, "scone": I64_MIN}, remark="by noon", color=Color.BLUE)
    assert calc.echo(order) == order, calc.echo(order)
    without_remark = Order(id=order.id, customer=order.customer, lines=[], totals={}, remark=None, color=Color.RED)
    assert calc.echo(without_remark) == without_remark, "an absent optional field stays absent"


def case_lists_and_maps(c):
    calc = c.client()
    assert calc.positions(["a", "b", "a", "c"]) == {"a": [0, 2], "b": [1], "c": [3]}
    assert calc.positions([]) == {}
    assert calc.complement({Color.RED}) == {Color.GREEN, Color.BLUE}
    assert Color.BLUE == 7, "enum values are the ids Parley puts on the wire"


def case_parley_types(c):
    calc = c.client()
    sent = Stamp(at=Instant(seconds=1700000000, nanos=5), took=Duration(seconds=-2, nanos=500000000), grade="B",
                 ratio=0.25, small=-3, tiny=7, flag=True)
    got = calc.stamp(sent)
    assert got.at == Instant(seconds=1700000001, nanos=5), got.at
    assert got.took == Duration(seconds=-3, nanos=0), got.took
    assert (got.grade, got.ratio, got.small, got.tiny, got.flag) == ("C", 0.5, -2, 8, False), got


def case_empty_optional_result(c):
    calc = c.client()
    assert calc.lookup("known") == "found known"
    expect_application_exception(lambda: calc.lookup("unknown"), TApplicationException.MISSING_RESULT)


def case_undeclared_failure(c):
    calc = c.client()
    expect_application_exception(lambda: calc.fail("boom"), TApplicationException.INTERNAL_ERROR, "boom")
    assert calc.add(1, 1) == 2, "the connection is kept"


def case_unknown_object(c):
    stranger = c.client("Interop#nobody")
    expect_application_exception(lambda: stranger.add(1, 2), TApplicationException.UNKNOWN_METHOD, "nobody")
    assert c.client().add(1, 2) == 3, "the connection is kept"


def case_unknown_method(c):
    protocol = TMultiplexedProtocol(c.protocol, SERVICE)
    protocol.writeMessageBegin("noSuchMethod", TMessageType.CALL, 77)
    protocol.writeStructBegin("noSuchMethod_args")
    protocol.writeFieldStop()
    protocol.writeStructEnd()
    protocol.writeMessageEnd()
    protocol.trans.flush()
    name, kind, seqid = c.protocol.readMessageBegin()
    assert (kind, seqid) == (TMessageType.EXCEPTION, 77), (name, kind, seqid)
    error = TApplicationException()
    error.read(c.protocol)
    c.protocol.readMessageEnd()
    assert error.type == TApplicationException.UNKNOWN_METHOD, (error.type, error.message)
    assert "noSuchMethod" in error.message, error.message
    assert c.client().add(2, 2) == 4, "the connection is kept"


def case_not_multiplexed(c):
    plain = Interop.Client(c.protocol)
    expect_application_exception(lambda: plain.add(1, 2), TApplicationException.UNKNOWN_METHOD,
                                 "Service#objectId")
    assert c.client().add(1, 2) == 3, "the connection is kept"


CASES = {name[len("case_"):]: function for name, function in globals().items() if name.startswith("case_")}


def main(argv):
    port, protocol, selected = int(argv[1]), argv[2], argv[3:] or sorted(CASES)
    failed = 0
    for name in selected:
        connection = Connection(port, protocol)
        try:
            CASES[name](connection)
            print("PASS " + name)
        except Exception as e:
            failed += 1
            print("FAIL %s: %s: %s" % (name, type(e).__name__, e))
            traceback.print_exc(file=sys.stdout)
        finally:
            connection.close()
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
