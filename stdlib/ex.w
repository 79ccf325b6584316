// Experimental resources (`wing:ex`).

pub struct TableProps {
  name: str?;
  primaryKey: str?;
  columns: Map<str>?;
  initialRows: Map<Json>?;
}

// A table of Json rows by primary key. Rows come back with the key as the
// `primaryKey` column (default `id`).
pub class Table {
  pub extern onLift(host: std.IInflightHost, ops: Array<str>): void;
  pub extern new(props: TableProps?);
  pub extern addRow(key: str, row: Json): void;
  pub extern inflight insert(key: str, row: Json): void;
  pub extern inflight upsert(key: str, row: Json): void;
  pub extern inflight update(key: str, row: Json): void;
  pub extern inflight delete(key: str): void;
  pub extern inflight get(key: str): Json;
  pub extern inflight tryGet(key: str): Json?;
  pub extern inflight list(): Array<Json>;
}
