//! The protocol side: takes LSP requests and notifications, keeps the open
//! documents, has them checked off the message loop ([`crate::checker`]),
//! publishes their diagnostics, and answers requests from the analysis of
//! the text they were asked about. A feature that panics answers "nothing"
//! (the panic is a bug, never the end of the session).
//!
//! Changes only record the new text and mark the document (and the open
//! documents that bring it) to be checked again; the checker thread
//! coalesces the changes that come during a check into one check of the
//! newest text. A request waits for the analysis of the text it was asked
//! about; if the document changes before that analysis exists, the
//! request fails with `ContentModified` (-32801), as rust-analyzer answers
//! (the client asks again). `$/cancelRequest` drops a waiting request (tower-lsp-server
//! answers `RequestCancelled`). Completion need not wait: it is answered
//! from the newest text with an earlier analysis when the edit since is
//! only typing a name or a member access
//! ([`complete::members_from_earlier`], [`complete::names_from_earlier`]);
//! else member completion waits for a check under way, or checks the text
//! with a placeholder at the cursor.

use crate::analysis::{self, Analysis};
use crate::checker::{self, Doc, Shared};
use crate::features::{actions, complete, hover, navigate, outline};
use crate::guarded;
use crate::lines::{LineIndex, apply_change};
use std::sync::Arc;
use tower_lsp_server::jsonrpc::{Error, ErrorCode, Result};
use tower_lsp_server::ls_types::*;
use tower_lsp_server::{LanguageServer, LspService, Server};
use wingc::syntax::ast::FileId;

/// How many requests and notifications are handled at once: requests
/// waiting for a check must not hold back the changes behind them.
const CONCURRENCY: usize = 64;

/// Serves one client over the given streams until it exits.
pub async fn serve<I, O>(input: I, output: O)
where
    I: tokio::io::AsyncRead + Unpin,
    O: tokio::io::AsyncWrite,
{
    let (publish, mut published) = tokio::sync::mpsc::unbounded_channel();
    let shared = match checker::start(publish) {
        Ok(shared) => shared,
        Err(e) => {
            eprintln!("error: cannot start the checker thread: {e}");
            return;
        }
    };
    let mut publisher = None;
    let (service, socket) = LspService::new(|client| {
        publisher = Some(client);
        Backend { shared }
    });
    let publish_all = async move {
        let Some(client) = publisher else { return };
        while let Some(checker::Publish { uri, diagnostics, version }) = published.recv().await {
            client.publish_diagnostics(uri, diagnostics, version).await;
        }
    };
    tokio::select! {
        () = Server::new(input, output, socket).concurrency_level(CONCURRENCY).serve(service) => {}
        () = publish_all => {}
    }
}

pub struct Backend {
    shared: Arc<Shared>,
}

impl Drop for Backend {
    fn drop(&mut self) {
        self.shared.stop();
    }
}

fn refused(message: String) -> Error {
    Error { code: ErrorCode::InvalidRequest, message: message.into(), data: None }
}

impl Backend {
    /// The analysis of the document's text as it is now, once checked;
    /// `ContentModified` if the text changes first; `None` for a document
    /// that is not open (or whose check failed).
    async fn current(&self, uri: &Uri) -> Result<Option<Arc<Analysis>>> {
        let mut checked = self.shared.checked.subscribe();
        let Some(asked) = self.shared.lock().docs.get(uri).map(|d| d.edits) else { return Ok(None) };
        loop {
            {
                let state = self.shared.lock();
                let Some(doc) = state.docs.get(uri) else { return Ok(None) };
                if doc.edits != asked {
                    return Err(Error::content_modified());
                }
                if !doc.stale {
                    return Ok(state.analyses.get(uri).map(|a| a.analysis.clone()));
                }
            }
            if checked.changed().await.is_err() {
                return Ok(None);
            }
        }
    }

    /// The current analysis of a document and the byte offset of a
    /// position in it.
    async fn at(&self, uri: &Uri, position: Position) -> Result<Option<(Arc<Analysis>, FileId, usize)>> {
        let Some(analysis) = self.current(uri).await? else { return Ok(None) };
        let file = analysis.entry;
        let offset = analysis.lines[file.0 as usize].offset(position);
        Ok(Some((analysis, file, offset)))
    }

    /// The text of an open document and which change gave it.
    fn text(&self, uri: &Uri) -> Option<(String, u64)> {
        self.shared.lock().docs.get(uri).map(|d| (d.text.clone(), d.edits))
    }

    /// Checks the text with the completion placeholder at `offset` (on a
    /// blocking thread); `ContentModified` if the document changed since
    /// `edits` meanwhile. The analysis is kept: the next completion in the
    /// same body reads the receiver's type from it.
    async fn placeholder_analysis(&self, uri: &Uri, text: &str, edits: u64, offset: usize) -> Result<Option<Arc<Analysis>>> {
        let path = checker::path_of(uri);
        let patched = complete::with_placeholder(text, offset);
        let overlay = self.shared.overlay();
        let check = move || guarded(|| analysis::analyze_without_occurrences(&path, &patched, &|p| overlay.get(p).cloned()));
        let Some(analysis) = tokio::task::spawn_blocking(check).await.ok().flatten().map(Arc::new) else { return Ok(None) };
        let mut state = self.shared.lock();
        if state.docs.get(uri).is_none_or(|d| d.edits != edits) {
            return Err(Error::content_modified());
        }
        state.speculative = Some((uri.clone(), analysis.clone()));
        Ok(Some(analysis))
    }

    /// Members after the `.` at `position`: from the receiver's type in
    /// the last analysis if it can tell (see
    /// [`complete::members_from_earlier`]); else, if a check is under way,
    /// from the analysis it stores (the `.` has usually come while the
    /// text before it was being checked); else by checking the text with a
    /// placeholder at the cursor.
    async fn member_completion(&self, uri: &Uri, position: Position) -> Result<Vec<CompletionItem>> {
        let mut checked = self.shared.checked.subscribe();
        let Some(asked) = self.shared.lock().docs.get(uri).map(|d| d.edits) else { return Ok(Vec::new()) };
        loop {
            let (text, stale, earlier) = {
                let state = self.shared.lock();
                let Some(doc) = state.docs.get(uri) else { return Ok(Vec::new()) };
                if doc.edits != asked {
                    return Err(Error::content_modified());
                }
                let speculative = state.speculative.iter().filter(|(u, _)| u == uri).map(|(_, a)| a.clone());
                let earlier: Vec<Arc<Analysis>> =
                    speculative.chain(state.analyses.get(uri).map(|a| a.analysis.clone())).collect();
                (doc.text.clone(), doc.stale, earlier)
            };
            let offset = LineIndex::new(&text).offset(position);
            for analysis in &earlier {
                if let Some(items) = guarded(|| complete::members_from_earlier(analysis, &text, offset)).flatten() {
                    return Ok(items);
                }
            }
            if !stale || checked.changed().await.is_err() {
                let Some(patched) = self.placeholder_analysis(uri, &text, asked, offset).await? else { return Ok(Vec::new()) };
                return Ok(guarded(|| complete::members(&patched, patched.entry, offset)).unwrap_or_default());
            }
        }
    }
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
        let document = params.text_document;
        let doc = Doc { text: document.text, version: document.version, edits: 0, stale: true };
        self.shared.changed(document.uri, |slot| *slot = Some(doc));
    }

    async fn did_change(&self, params: DidChangeTextDocumentParams) {
        let version = params.text_document.version;
        self.shared.changed(params.text_document.uri, |slot| {
            if let Some(doc) = slot {
                for change in params.content_changes {
                    apply_change(&mut doc.text, change.range, &change.text);
                }
                doc.version = version;
            }
        });
    }

    async fn did_close(&self, params: DidCloseTextDocumentParams) {
        self.shared.closed(&params.text_document.uri);
    }

    async fn hover(&self, params: HoverParams) -> Result<Option<Hover>> {
        let p = params.text_document_position_params;
        let Some((a, file, offset)) = self.at(&p.text_document.uri, p.position).await? else { return Ok(None) };
        Ok(guarded(|| hover::hover(&a, file, offset)).flatten())
    }

    async fn completion(&self, params: CompletionParams) -> Result<Option<CompletionResponse>> {
        let p = params.text_document_position;
        let uri = &p.text_document.uri;
        let Some((text, _)) = self.text(uri) else { return Ok(None) };
        let offset = LineIndex::new(&text).offset(p.position);
        let items = match complete::context(&text, offset) {
            complete::Context::Bring => complete::bring_modules(),
            complete::Context::Member => self.member_completion(uri, p.position).await?,
            complete::Context::Other => {
                let earlier = self.shared.lock().analyses.get(uri).map(|a| a.analysis.clone());
                if let Some(items) = earlier.and_then(|a| guarded(|| complete::names_from_earlier(&a, &text, offset)).flatten()) {
                    return Ok(Some(CompletionResponse::Array(items)));
                }
                let Some((a, file, offset)) = self.at(uri, p.position).await? else { return Ok(None) };
                guarded(|| complete::names(&a, file, offset)).unwrap_or_default()
            }
        };
        Ok(Some(CompletionResponse::Array(items)))
    }

    async fn signature_help(&self, params: SignatureHelpParams) -> Result<Option<SignatureHelp>> {
        let p = params.text_document_position_params;
        let uri = &p.text_document.uri;
        let Some((a, file, offset)) = self.at(uri, p.position).await? else { return Ok(None) };
        if let Some(help) = guarded(|| complete::signature_help(&a, file, offset)).flatten() {
            return Ok(Some(help));
        }
        let Some((text, edits)) = self.text(uri) else { return Ok(None) };
        let Some(patched) = self.placeholder_analysis(uri, &text, edits, offset).await? else { return Ok(None) };
        Ok(guarded(|| complete::signature_help(&patched, patched.entry, offset)).flatten())
    }

    async fn goto_definition(&self, params: GotoDefinitionParams) -> Result<Option<GotoDefinitionResponse>> {
        let p = params.text_document_position_params;
        let Some((a, file, offset)) = self.at(&p.text_document.uri, p.position).await? else { return Ok(None) };
        Ok(guarded(|| navigate::definition(&a, file, offset)).flatten().map(GotoDefinitionResponse::Scalar))
    }

    async fn references(&self, params: ReferenceParams) -> Result<Option<Vec<Location>>> {
        let p = params.text_document_position;
        let Some((a, file, offset)) = self.at(&p.text_document.uri, p.position).await? else { return Ok(None) };
        Ok(guarded(|| navigate::references(&a, file, offset, params.context.include_declaration)))
    }

    async fn prepare_rename(&self, params: TextDocumentPositionParams) -> Result<Option<PrepareRenameResponse>> {
        let Some((a, file, offset)) = self.at(&params.text_document.uri, params.position).await? else { return Ok(None) };
        guarded(|| navigate::prepare_rename(&a, file, offset)).unwrap_or(Ok(None)).map_err(refused)
    }

    async fn rename(&self, params: RenameParams) -> Result<Option<WorkspaceEdit>> {
        let p = params.text_document_position;
        let Some((a, file, offset)) = self.at(&p.text_document.uri, p.position).await? else { return Ok(None) };
        guarded(|| navigate::rename(&a, file, offset, &params.new_name)).unwrap_or(Ok(None)).map_err(refused)
    }

    async fn document_symbol(&self, params: DocumentSymbolParams) -> Result<Option<DocumentSymbolResponse>> {
        let Some(a) = self.current(&params.text_document.uri).await? else { return Ok(None) };
        Ok(guarded(|| outline::document_symbols(&a, a.entry)).map(DocumentSymbolResponse::Nested))
    }

    async fn semantic_tokens_full(&self, params: SemanticTokensParams) -> Result<Option<SemanticTokensResult>> {
        let Some(a) = self.current(&params.text_document.uri).await? else { return Ok(None) };
        let data = guarded(|| outline::semantic_tokens(&a, a.entry)).unwrap_or_default();
        Ok(Some(SemanticTokensResult::Tokens(SemanticTokens { result_id: None, data })))
    }

    async fn inlay_hint(&self, params: InlayHintParams) -> Result<Option<Vec<InlayHint>>> {
        let Some(a) = self.current(&params.text_document.uri).await? else { return Ok(None) };
        Ok(guarded(|| outline::inlay_hints(&a, a.entry)))
    }

    async fn code_action(&self, params: CodeActionParams) -> Result<Option<CodeActionResponse>> {
        let uri = &params.text_document.uri;
        let Some(a) = self.current(uri).await? else { return Ok(None) };
        let actions = guarded(|| actions::code_actions(&a, a.entry, uri, params.range)).unwrap_or_default();
        Ok(Some(actions.into_iter().map(CodeActionOrCommand::CodeAction).collect()))
    }

    async fn formatting(&self, params: DocumentFormattingParams) -> Result<Option<Vec<TextEdit>>> {
        let Some((text, _)) = self.text(&params.text_document.uri) else { return Ok(None) };
        Ok(guarded(|| actions::formatting(&text)).flatten())
    }
}
