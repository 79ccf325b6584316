// `test` blocks are declared at the top level of a file.
let registerChecks = () => {
  test "health check responds" {
    assert(true);
  }
};
