//! Evidence upload with a progress bar. Without JavaScript the form posts straight to the REST endpoint, which
//! sends the browser back to the page it came from; once hydrated, the file goes by `XMLHttpRequest`, whose upload
//! progress events drive the bar.

use crate::features::programme::text::use_text;
use leptos::prelude::*;

/// Accepted types, as a hint to the file picker; the server decides by content.
const ACCEPT: &str = "image/jpeg,image/png,image/webp,application/pdf,.doc,.docx,.xls,.xlsx,.ppt,.pptx,.odt";
/// The id of the upload's message (one upload form per page).
const ERROR_ID: &str = "upload-message";

/// The upload form posting to `path` (an action's evidence or a KBK's SK); `on_done` runs after each stored file.
#[component]
pub fn EvidenceUpload(path: String, #[prop(into)] on_done: Callback<()>) -> impl IntoView {
    let t = use_text();
    let progress = RwSignal::new(None::<u32>);
    let error = RwSignal::new(None::<String>);
    let input = NodeRef::<leptos::html::Input>::new();
    let target = path.clone();
    // No file chosen: our words at the field instead of the browser's bubble.
    let on_invalid = move |event: leptos::ev::Event| {
        event.prevent_default();
        error.set(Some(t.upload_choose.to_owned()));
    };
    let on_submit = move |event: leptos::ev::SubmitEvent| {
        #[cfg(feature = "hydrate")]
        {
            event.prevent_default();
            let file = input.get().and_then(|input| input.files()).and_then(|files| files.get(0));
            if let Some(file) = file {
                error.set(None);
                progress.set(Some(0));
                if let Err(failure) = send(&target, &file, progress, error, on_done) {
                    progress.set(None);
                    error.set(Some(format!("{failure:?}")));
                }
            }
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = (event, &target, input, on_done);
    };
    view! {
        <form
            class="upload"
            method="post"
            enctype="multipart/form-data"
            action=path
            on:submit=on_submit
            on:invalid:capture=on_invalid
            data-testid="upload-form"
        >
            <label>
                {t.upload}
                <input
                    type="file"
                    name="file"
                    required
                    accept=ACCEPT
                    node_ref=input
                    aria-invalid=move || error.with(Option::is_some).then_some("true")
                    aria-describedby=move || error.with(Option::is_some).then_some(ERROR_ID)
                    data-testid="upload-input"
                />
            </label>
            <button type="submit" class="button" data-testid="upload-submit">
                {t.upload}
            </button>
            <p class="muted">{t.upload_hint}</p>
            {move || {
                progress
                    .get()
                    .map(|percent| {
                        view! {
                            <p>
                                {t.uploading} " "
                                <progress max="100" value=percent data-testid="upload-progress"></progress>
                            </p>
                        }
                    })
            }}
            {move || {
                error.get().map(|message| {
                    view! {
                        <p class="form-error" role="alert" id=ERROR_ID data-testid="upload-error">
                            {message}
                        </p>
                    }
                })
            }}
        </form>
    }
}

/// The message of an API error body, or the body itself.
#[cfg(feature = "hydrate")]
fn error_message(body: &str) -> String {
    serde_json::from_str::<serde_json::Value>(body)
        .ok()
        .and_then(|json| json["error"]["message"].as_str().map(str::to_owned))
        .unwrap_or_else(|| body.to_owned())
}

#[cfg(feature = "hydrate")]
fn send(
    path: &str,
    file: &web_sys::File,
    progress: RwSignal<Option<u32>>,
    error: RwSignal<Option<String>>,
    on_done: Callback<()>,
) -> Result<(), wasm_bindgen::JsValue> {
    use wasm_bindgen::{JsCast, closure::Closure};
    let form = web_sys::FormData::new()?;
    form.append_with_blob_and_filename("file", file, &file.name())?;
    let xhr = web_sys::XmlHttpRequest::new()?;
    xhr.open("POST", path)?;
    xhr.set_request_header("Accept", "application/json")?;
    let on_progress = Closure::<dyn FnMut(web_sys::ProgressEvent)>::new(move |event: web_sys::ProgressEvent| {
        if event.length_computable() && event.total() > 0.0 {
            // Rounded percentage of a non-negative ratio: the cast cannot truncate meaningfully.
            #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
            progress.set(Some((event.loaded() / event.total() * 100.0).round() as u32));
        }
    });
    xhr.upload()?.set_onprogress(Some(on_progress.as_ref().unchecked_ref()));
    let request = xhr.clone();
    let on_load = Closure::<dyn FnMut()>::new(move || {
        progress.set(None);
        if request.status().unwrap_or(0) == 201 {
            error.set(None);
            on_done.run(());
        } else {
            error.set(Some(error_message(&request.response_text().ok().flatten().unwrap_or_default())));
        }
    });
    xhr.set_onload(Some(on_load.as_ref().unchecked_ref()));
    xhr.send_with_opt_form_data(Some(&form))?;
    // The request owns its handlers from here on; they live as long as the page.
    on_progress.forget();
    on_load.forget();
    Ok(())
}
