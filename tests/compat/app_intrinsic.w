// `@app` is the root of the construct tree.
let isTest = @app.isTestEnvironment;
let entry = @app.entrypointDir;
let dir = @dirname;

test "@app" {
  assert(isTest);
  assert(entry == dir);
}
