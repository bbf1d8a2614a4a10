/*
 * A calculator service, modelled on the Apache Thrift tutorial.
 */
include "shared.thrift"

namespace java com.acme.tutorial
namespace py acme.tutorial

typedef i32 MyInteger

const i32 INT32CONSTANT = 9853
const i64 BIG = 9223372036854775807
const double PI = 3.14159
const bool ENABLED = true
const list<string> GREETINGS = ["hello", "bonjour"]
const set<i16> SMALL_PRIMES = [2, 3, 5, 7]
const map<string, string> MAPCONSTANT = {'hello': 'world', 'goodnight': 'moon'}

/** The operations the calculator knows. */
enum Operation {
  ADD = 1,
  SUBTRACT = 2,
  MULTIPLY = 3,
  DIVIDE = 4
}

const Operation DEFAULT_OPERATION = Operation.ADD

/** One calculation. */
struct Work {
  /** The first operand. */
  1: i32 num1 = 0,
  2: i32 num2,
  3: Operation op,
  4: optional string comment,
  5: shared.Timestamp created_at = 0,
  6: list<MyInteger> history = [1, 2],
}

exception InvalidOperation {
  1: i32 whatOp,
  2: string why
}

service Calculator extends shared.SharedService {
  void ping(),
  i32 add(1: i32 num1, 2: i32 num2),
  i32 calculate(1: i32 logid, 2: Work w) throws (1: InvalidOperation ouch),
  /** Fire and forget. */
  oneway void zip()
}
