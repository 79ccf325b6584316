// A function that the brought module does not export (a typo in `util.sleep`).
bring util;

test "waits for the cache" {
  util.slep(500ms);
}
