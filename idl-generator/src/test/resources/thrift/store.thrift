// An online store, with the shapes found in production IDL: snake_case fields, sparse ids, sets, nested maps,
// unions, binary, small integers and several exceptions.
namespace java com.acme.store
namespace * acme_store

typedef string ProductId
typedef map<ProductId, i32> Quantities

enum Currency { EUR = 978, USD = 840, GBP = 826 }

enum Status {
  NEW,
  PAID,
  SHIPPED
}

struct Money {
  1: required i64 amount_minor
  2: required Currency currency = Currency.EUR
}

struct Product {
  1: ProductId product_id
  2: string display_name
  5: Money price
  7: set<string> tags
  8: optional binary thumbnail
  9: i8 rating
  10: i16 stock
  11: bool active = true
  12: double weight_kg = 1.5
}

union PaymentMethod {
  1: string card_token
  2: string iban
  3: Money gift_card
}

struct Order {
  1: i64 order_id
  2: Quantities lines
  3: map<string, list<Product>> products_by_category
  4: list<map<string, set<i32>>> nested
  5: PaymentMethod payment
  6: Status status = Status.NEW
  7: optional list<string> notes
}

exception NotFound {
  1: string message
}

exception PaymentDeclined {
  1: string message
}

service Store {
  Product product(1: ProductId id) throws (1: NotFound notFound)
  Order place(1: Order order, 3: string idempotency_key) throws (1: NotFound notFound, 2: PaymentDeclined declined)
  list<Product> search(1: string query, 2: optional i32 limit)
  Quantities stock(1: set<ProductId> ids)
  oneway void track(1: string event, 2: map<string, string> attributes)
}

service AdminStore extends Store {
  void restock(1: ProductId id, 2: i32 quantity)
}
