/**
 * Definitions shared by several services, in the style of Apache Thrift's tutorial.
 */
namespace java com.acme.shared
namespace py acme.shared

typedef i64 Timestamp

const string SERVICE_VERSION = "2.1"

struct SharedStruct {
  1: i32 key
  2: string value
}

service SharedService {
  SharedStruct getStruct(1: i32 key)
}
