"""Calls Parley's calculator example from Python, with the standard Thrift library and the IDL Parley generated.

    thrift --gen py calculator.thrift              # calculator.thrift: examples/target/idl, written by the build
    PYTHONPATH=gen-py /usr/bin/python3 calculator_client.py 127.0.0.1 7000
"""
import sys

from thrift.protocol.TCompactProtocol import TCompactProtocol
from thrift.protocol.TMultiplexedProtocol import TMultiplexedProtocol
from thrift.transport.TSocket import TSocket
from thrift.transport.TTransport import TFramedTransport

from calculator import Calculator
from calculator.ttypes import DivisionByZero

host, port = sys.argv[1], int(sys.argv[2])
transport = TFramedTransport(TSocket(host, port))
# The service name is "Service#objectId": the calculator is exported under the name "calculator", its object id.
calculator = Calculator.Client(TMultiplexedProtocol(TCompactProtocol(transport), "Calculator#calculator"))
transport.open()
try:
    print("add(2, 3) =", calculator.add(2, 3))
    try:
        calculator.divide(1, 0)
    except DivisionByZero as e:
        print("divide(1, 0) threw DivisionByZero:", e.message)
    print("power(1.5, 3) =", calculator.power("1.5", 3))         # a BigDecimal travels as its text
    print("statistics =", calculator.statistics([1.0, 2.0, 6.0]))
    calculator.note("hello from Python")                         # oneway: sent, not answered
finally:
    transport.close()
