//! The protocol side: takes LSP requests and notifications, keeps the open
//! documents, checks a document on open and on every change (then the
//! other open documents that bring it), publishes diagnostics, and answers
//! requests from the latest analysis. A feature that panics answers
//! "nothing" (the panic is a bug, never the end of the session).

use crate::analysis::{self, Analysis};
use crate::features::{actions, complete, hover, navigate, outline};
use crate::lines::apply_change;
use std::collections::HashMap;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use tower_lsp_server::jsonrpc::{Error, Result};
use tower_lsp_server::ls_types::*;
use tower_lsp_server::{Client, LanguageServer, LspService, Server};
use wingc::syntax::ast::FileId;

/// Serves one client over the given streams until it exits.
pub async fn serve<I, O>(input: I, output: O)
where
    I: tokio::io::AsyncRead + Unpin,
    O: tokio::io::AsyncWrite,
{
    let (service, socket) = LspService::new(|client| Backend { client, state: Mutex::new(State::default()) });
    Server::new(input, output, socket).serve(service).await;
}

pub struct Backend {
    client: Client,
    state: Mutex<State>,
}

#[derive(Default)]
struct State {
    /// Open documents' text.
    docs: HashMap<Uri, String>,
    analyses: HashMap<Uri, Arc<Analysis>>,
}

/// Runs `f`, turning a panic into `None`.
fn guarded<T>(f: impl FnOnce() -> T) -> Option<T> {
    catch_unwind(AssertUnwindSafe(f)).ok()
}

/// The path a document is checked under (an untitled one: its name only).
fn path_of(uri: &Uri) -> PathBuf {
    uri.to_file_path().map(|p| p.into_owned()).unwrap_or_else(|| PathBuf::from("main.w"))
}

impl State {
    fn analyze(&self, uri: &Uri) -> Option<Arc<Analysis>> {
        let text = self.docs.get(uri)?;
        let open: HashMap<PathBuf, &String> = self.docs.iter().map(|(u, t)| (path_of(u), t)).collect();
        let overlay = |path: &Path| open.get(path).map(|t| t.to_string());
        guarded(|| analysis::analyze(&path_of(uri), text, &overlay)).map(Arc::new)
    }

    /// Re-checks `uri` and every open document that brings it; gives the
    /// documents re-checked.
    fn recheck(&mut self, uri: &Uri) -> Vec<Uri> {
        let path = path_of(uri);
        let dependents: Vec<Uri> = self
            .analyses
            .iter()
            .filter(|(u, a)| *u != uri && a.file_of(&path).is_some_and(|f| f != a.entry))
            .map(|(u, _)| u.clone())
            .collect();
        let mut done = Vec::new();
        for u in std::iter::once(uri.clone()).chain(dependents) {
            match self.analyze(&u) {
                Some(a) => {
                    self.analyses.insert(u.clone(), a);
                }
                None => {
                    self.analyses.remove(&u);
                }
            }
            done.push(u);
        }
        done
    }
}

impl Backend {
    fn analysis(&self, uri: &Uri) -> Option<Arc<Analysis>> {
        self.state.lock().ok()?.analyses.get(uri).cloned()
    }

    /// The analysis of a document and the byte offset of a position in it.
    fn at(&self, uri: &Uri, position: Position) -> Option<(Arc<Analysis>, FileId, usize)> {
        let analysis = self.analysis(uri)?;
        let file = analysis.entry;
        let offset = analysis.lines[file.0 as usize].offset(position);
        Some((analysis, file, offset))
    }

    async fn publish(&self, uris: Vec<Uri>) {
        for uri in uris {
            let diagnostics = self.analysis(&uri).and_then(|a| guarded(|| actions::diagnostics(&a, a.entry))).unwrap_or_default();
            self.client.publish_diagnostics(uri, diagnostics, None).await;
        }
    }

    async fn changed(&self, uri: Uri) {
        let rechecked = match self.state.lock() {
            Ok(mut state) => state.recheck(&uri),
            Err(_) => Vec::new(),
        };
        self.publish(rechecked).await;
    }

    /// The text of an open document.
    fn text(&self, uri: &Uri) -> Option<String> {
        self.state.lock().ok()?.docs.get(uri).cloned()
    }

    /// An analysis of the document with the completion placeholder at
    /// `offset` (not stored).
    fn placeholder_analysis(&self, uri: &Uri, offset: usize) -> Option<Arc<Analysis>> {
        let mut state = self.state.lock().ok()?;
        let text = state.docs.get(uri)?.clone();
        state.docs.insert(uri.clone(), complete::with_placeholder(&text, offset));
        let analysis = state.analyze(uri);
        state.docs.insert(uri.clone(), text);
        analysis
    }
}

fn refused(message: String) -> Error {
    Error { code: tower_lsp_server::jsonrpc::ErrorCode::InvalidRequest, message: message.into(), data: None }
}

impl LanguageServer for Backend {
    async fn initialize(&self, _: InitializeParams) -> Result<InitializeResult> {
        Ok(InitializeResult {
            server_info: Some(ServerInfo { name: "wingc".to_string(), version: Some(env!("CARGO_PKG_VERSION").to_string()) }),
            capabilities: ServerCapabilities {
                text_document_sync: Some(TextDocumentSyncCapability::Kind(TextDocumentSyncKind::INCREMENTAL)),
                hover_provider: Some(HoverProviderCapability::Simple(true)),
                completion_provider: Some(CompletionOptions {
                    trigger_characters: Some(vec![".".to_string(), " ".to_string()]),
                    ..Default::default()
                }),
                signature_help_provider: Some(SignatureHelpOptions {
                    trigger_characters: Some(vec!["(".to_string(), ",".to_string()]),
                    ..Default::default()
                }),
                definition_provider: Some(OneOf::Left(true)),
                references_provider: Some(OneOf::Left(true)),
                rename_provider: Some(OneOf::Right(RenameOptions {
                    prepare_provider: Some(true),
                    work_done_progress_options: Default::default(),
                })),
                document_symbol_provider: Some(OneOf::Left(true)),
                semantic_tokens_provider: Some(SemanticTokensServerCapabilities::SemanticTokensOptions(SemanticTokensOptions {
                    legend: outline::legend(),
                    full: Some(SemanticTokensFullOptions::Bool(true)),
                    range: None,
                    work_done_progress_options: Default::default(),
                })),
                inlay_hint_provider: Some(OneOf::Left(true)),
                code_action_provider: Some(CodeActionProviderCapability::Simple(true)),
                document_formatting_provider: Some(OneOf::Left(true)),
                ..Default::default()
            },
            ..Default::default()
        })
    }

    async fn shutdown(&self) -> Result<()> {
        Ok(())
    }

    async fn did_open(&self, params: DidOpenTextDocumentParams) {
        let uri = params.text_document.uri;
        if let Ok(mut state) = self.state.lock() {
            state.docs.insert(uri.clone(), params.text_document.text);
        }
        self.changed(uri).await;
    }

    async fn did_change(&self, params: DidChangeTextDocumentParams) {
        let uri = params.text_document.uri;
        if let Ok(mut state) = self.state.lock()
            && let Some(text) = state.docs.get_mut(&uri)
        {
            for change in params.content_changes {
                apply_change(text, change.range, &change.text);
            }
        }
        self.changed(uri).await;
    }

    async fn did_close(&self, params: DidCloseTextDocumentParams) {
        let uri = params.text_document.uri;
        if let Ok(mut state) = self.state.lock() {
            state.docs.remove(&uri);
            state.analyses.remove(&uri);
        }
        self.client.publish_diagnostics(uri, Vec::new(), None).await;
    }

    async fn hover(&self, params: HoverParams) -> Result<Option<Hover>> {
        let p = params.text_document_position_params;
        let Some((a, file, offset)) = self.at(&p.text_document.uri, p.position) else { return Ok(None) };
        Ok(guarded(|| hover::hover(&a, file, offset)).flatten())
    }

    async fn completion(&self, params: CompletionParams) -> Result<Option<CompletionResponse>> {
        let p = params.text_document_position;
        let uri = &p.text_document.uri;
        let Some((a, file, offset)) = self.at(uri, p.position) else { return Ok(None) };
        let Some(text) = self.text(uri) else { return Ok(None) };
        let items = match complete::context(&text, offset) {
            complete::Context::Bring => complete::bring_modules(),
            complete::Context::Member => {
                let Some(patched) = self.placeholder_analysis(uri, offset) else { return Ok(None) };
                guarded(|| complete::members(&patched, patched.entry, offset)).unwrap_or_default()
            }
            complete::Context::Other => guarded(|| complete::names(&a, file, offset)).unwrap_or_default(),
        };
        Ok(Some(CompletionResponse::Array(items)))
    }

    async fn signature_help(&self, params: SignatureHelpParams) -> Result<Option<SignatureHelp>> {
        let p = params.text_document_position_params;
        let uri = &p.text_document.uri;
        let Some((a, file, offset)) = self.at(uri, p.position) else { return Ok(None) };
        if let Some(help) = guarded(|| complete::signature_help(&a, file, offset)).flatten() {
            return Ok(Some(help));
        }
        let Some(patched) = self.placeholder_analysis(uri, offset) else { return Ok(None) };
        Ok(guarded(|| complete::signature_help(&patched, patched.entry, offset)).flatten())
    }

    async fn goto_definition(&self, params: GotoDefinitionParams) -> Result<Option<GotoDefinitionResponse>> {
        let p = params.text_document_position_params;
        let Some((a, file, offset)) = self.at(&p.text_document.uri, p.position) else { return Ok(None) };
        Ok(guarded(|| navigate::definition(&a, file, offset)).flatten().map(GotoDefinitionResponse::Scalar))
    }

    async fn references(&self, params: ReferenceParams) -> Result<Option<Vec<Location>>> {
        let p = params.text_document_position;
        let Some((a, file, offset)) = self.at(&p.text_document.uri, p.position) else { return Ok(None) };
        Ok(guarded(|| navigate::references(&a, file, offset, params.context.include_declaration)))
    }

    async fn prepare_rename(&self, params: TextDocumentPositionParams) -> Result<Option<PrepareRenameResponse>> {
        let Some((a, file, offset)) = self.at(&params.text_document.uri, params.position) else { return Ok(None) };
        guarded(|| navigate::prepare_rename(&a, file, offset)).unwrap_or(Ok(None)).map_err(refused)
    }

    async fn rename(&self, params: RenameParams) -> Result<Option<WorkspaceEdit>> {
        let p = params.text_document_position;
        let Some((a, file, offset)) = self.at(&p.text_document.uri, p.position) else { return Ok(None) };
        guarded(|| navigate::rename(&a, file, offset, &params.new_name)).unwrap_or(Ok(None)).map_err(refused)
    }

    async fn document_symbol(&self, params: DocumentSymbolParams) -> Result<Option<DocumentSymbolResponse>> {
        let Some(a) = self.analysis(&params.text_document.uri) else { return Ok(None) };
        Ok(guarded(|| outline::document_symbols(&a, a.entry)).map(DocumentSymbolResponse::Nested))
    }

    async fn semantic_tokens_full(&self, params: SemanticTokensParams) -> Result<Option<SemanticTokensResult>> {
        let Some(a) = self.analysis(&params.text_document.uri) else { return Ok(None) };
        let data = guarded(|| outline::semantic_tokens(&a, a.entry)).unwrap_or_default();
        Ok(Some(SemanticTokensResult::Tokens(SemanticTokens { result_id: None, data })))
    }

    async fn inlay_hint(&self, params: InlayHintParams) -> Result<Option<Vec<InlayHint>>> {
        let Some(a) = self.analysis(&params.text_document.uri) else { return Ok(None) };
        Ok(guarded(|| outline::inlay_hints(&a, a.entry)))
    }

    async fn code_action(&self, params: CodeActionParams) -> Result<Option<CodeActionResponse>> {
        let uri = &params.text_document.uri;
        let Some(a) = self.analysis(uri) else { return Ok(None) };
        let actions = guarded(|| actions::code_actions(&a, a.entry, uri, params.range)).unwrap_or_default();
        Ok(Some(actions.into_iter().map(CodeActionOrCommand::CodeAction).collect()))
    }

    async fn formatting(&self, params: DocumentFormattingParams) -> Result<Option<Vec<TextEdit>>> {
        let Some(text) = self.text(&params.text_document.uri) else { return Ok(None) };
        Ok(guarded(|| actions::formatting(&text)).flatten())
    }
}
