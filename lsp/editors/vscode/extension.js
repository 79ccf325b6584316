// The extension's client: starts `wingc lsp` (the binary named by the
// `wing.server.path` setting) over stdio for every Wing file and stops it
// when the extension is deactivated. Everything else (diagnostics,
// completion, formatting, ...) comes from the server.
const vscode = require("vscode");
const { LanguageClient } = require("vscode-languageclient/node");

let client;

function activate(context) {
  const command = vscode.workspace.getConfiguration("wing").get("server.path", "wingc");
  const server = { command, args: ["lsp"] };
  client = new LanguageClient(
    "wing",
    "Wing language server",
    { run: server, debug: server },
    { documentSelector: [{ scheme: "file", language: "wing" }, { scheme: "untitled", language: "wing" }] },
  );
  context.subscriptions.push(client);
  return client.start();
}

function deactivate() {
  return client ? client.stop() : undefined;
}

module.exports = { activate, deactivate };
