//! Thin wrappers over the browser APIs the app uses. Each one degrades quietly when the API is
//! missing (private mode without storage, for example).

fn window() -> Option<web_sys::Window> {
    web_sys::window()
}

fn local_storage() -> Option<web_sys::Storage> {
    window()?.local_storage().ok().flatten()
}

pub fn storage_get(key: &str) -> Option<String> {
    local_storage()?.get_item(key).ok().flatten()
}

pub fn storage_set(key: &str, value: &str) {
    if let Some(storage) = local_storage() {
        let _ = storage.set_item(key, value);
    }
}

pub fn storage_remove(key: &str) {
    if let Some(storage) = local_storage() {
        let _ = storage.remove_item(key);
    }
}

/// The browser's preferred language tag, e.g. `fr-FR`.
pub fn navigator_language() -> Option<String> {
    window()?.navigator().language()
}

pub fn set_document_lang(code: &str) {
    if let Some(root) = window().and_then(|w| w.document()).and_then(|d| d.document_element()) {
        let _ = root.set_attribute("lang", code);
    }
}

pub fn set_document_title(title: &str) {
    if let Some(document) = window().and_then(|w| w.document()) {
        document.set_title(title);
    }
}

/// A random id for correlating this page's requests in the server logs.
pub fn random_id() -> String {
    window()
        .and_then(|w| w.crypto().ok())
        .map(|c| c.random_uuid())
        .unwrap_or_else(|| format!("{:x}", (js_sys::Math::random() * 1e16) as u64))
}

/// Moves keyboard focus to the element with this id, if there is one.
pub fn focus(id: &str) {
    use wasm_bindgen::JsCast;
    if let Some(element) = window().and_then(|w| w.document()).and_then(|d| d.get_element_by_id(id))
    {
        let _ = element.unchecked_into::<web_sys::HtmlElement>().focus();
    }
}

/// Focuses the first link, button or field inside the element `id` (a menu just opened).
pub fn focus_first_in(id: &str) {
    use wasm_bindgen::JsCast;
    let first = window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(id))
        .and_then(|menu| menu.query_selector("a[href], button, select, input").ok().flatten());
    if let Some(element) = first {
        let _ = element.unchecked_into::<web_sys::HtmlElement>().focus();
    }
}

/// Resolves after `ms` milliseconds (never, without a window).
pub async fn sleep(ms: u64) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(window) = window() {
            let timeout = i32::try_from(ms).unwrap_or(i32::MAX);
            let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, timeout);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

/// Closes the modal dialog that is open, if any; its `close` event does the rest.
pub fn close_open_dialog() {
    use wasm_bindgen::JsCast;
    let open = window()
        .and_then(|w| w.document())
        .and_then(|d| d.query_selector("dialog[open]").ok().flatten());
    if let Some(dialog) = open {
        dialog.unchecked_into::<web_sys::HtmlDialogElement>().close();
    }
}

/// Keeps Tab and Shift+Tab inside `dialog`: from its last control Tab goes to its first, and
/// back. A modal dialog makes the page inert, but the browser would otherwise let focus leave
/// for its own toolbar.
pub fn keep_tab_inside(ev: &web_sys::KeyboardEvent, dialog: &web_sys::HtmlDialogElement) {
    use wasm_bindgen::JsCast;
    if ev.key() != "Tab" {
        return;
    }
    let Ok(found) = dialog.query_selector_all(
        "button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), a[href]",
    ) else {
        return;
    };
    let controls: Vec<web_sys::HtmlElement> = (0..found.length())
        .filter_map(|i| found.item(i))
        .filter_map(|node| node.dyn_into::<web_sys::HtmlElement>().ok())
        .collect();
    let (Some(first), Some(last)) = (controls.first(), controls.last()) else { return };
    let active = window().and_then(|w| w.document()).and_then(|d| d.active_element());
    let is = |element: &web_sys::HtmlElement| {
        active.as_ref().is_some_and(|a| a == element.unchecked_ref::<web_sys::Element>())
    };
    let target = if ev.shift_key() && is(first) {
        last
    } else if !ev.shift_key() && is(last) {
        first
    } else {
        return;
    };
    ev.prevent_default();
    let _ = target.focus();
}

/// Saves `text` as a file the browser downloads under `file_name`. False if the browser could
/// not make the file.
pub fn download_text(file_name: &str, mime_type: &str, text: &str) -> bool {
    save_parts(file_name, mime_type, &js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(text)))
}

/// Saves the parts (strings or byte arrays) as one file under `file_name`. False if the browser
/// could not make the file.
pub fn save_parts(file_name: &str, mime_type: &str, parts: &js_sys::Array) -> bool {
    use wasm_bindgen::JsCast;
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime_type);
    let Ok(blob) = web_sys::Blob::new_with_u8_array_sequence_and_options(parts, &options) else {
        return false;
    };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else { return false };
    let link = window()
        .and_then(|w| w.document())
        .and_then(|d| d.create_element("a").ok())
        .map(|a| a.unchecked_into::<web_sys::HtmlAnchorElement>());
    if let Some(link) = &link {
        link.set_href(&url);
        link.set_download(file_name);
        link.click();
    }
    // Freed once the download has started with it.
    leptos::prelude::set_timeout(
        move || {
            let _ = web_sys::Url::revoke_object_url(&url);
        },
        std::time::Duration::from_secs(10),
    );
    link.is_some()
}

/// The path in the address bar (`/invoices/abc`).
pub fn pathname() -> Option<String> {
    window()?.location().pathname().ok()
}

/// The `href` of the link an event happened on or inside, if any.
pub fn link_under(ev: &leptos::ev::Event) -> Option<String> {
    use wasm_bindgen::JsCast;
    let target = ev.target()?.dyn_into::<web_sys::Element>().ok()?;
    target.closest("a[href]").ok()??.get_attribute("href")
}

/// Puts `text` on the clipboard (the browser may refuse; the text stays on screen to copy).
pub fn copy_text(text: &str) {
    if let Some(window) = window() {
        let _ = window.navigator().clipboard().write_text(text);
    }
}

/// Reads the text file chosen in the file input of `ev`, then gives its text to `done` (nothing
/// when no file was chosen or it cannot be read).
pub fn read_text_file(ev: &leptos::ev::Event, done: impl FnOnce(String) + 'static) {
    use wasm_bindgen::JsCast;
    let file = ev
        .target()
        .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
        .and_then(|input| input.files())
        .and_then(|files| files.get(0));
    if let Some(file) = file {
        leptos::task::spawn_local(async move {
            if let Ok(text) = wasm_bindgen_futures::JsFuture::from(file.text()).await
                && let Some(text) = text.as_string()
            {
                done(text);
            }
        });
    }
}

/// The cloud ID an Azure Stack Hub registration token says it is for, read from its first part
/// (base64url JSON); None for text that is not such a token. The server checks the signature.
pub fn token_cloud_id(token: &str) -> Option<String> {
    let payload = token.trim().split_once('.')?.0;
    let mut base64 = payload.replace('-', "+").replace('_', "/");
    while base64.len() % 4 != 0 {
        base64.push('=');
    }
    let json = window()?.atob(&base64).ok()?;
    let claims: serde_json::Value = serde_json::from_str(&json).ok()?;
    claims.get("cloudId")?.as_str().map(str::to_owned)
}
