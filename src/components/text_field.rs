use leptos::prelude::*;

/// A labelled input whose error message is tied to it (`aria-invalid`, `aria-describedby`), so
/// assistive technology announces the problem with the field.
#[component]
pub fn TextField(
    id: &'static str,
    label: Signal<&'static str>,
    value: RwSignal<String>,
    /// The message to show under the field; None when the value is fine.
    #[prop(into)]
    error: Signal<Option<String>>,
    #[prop(default = "text")] input_type: &'static str,
    #[prop(optional)] autocomplete: Option<&'static str>,
    #[prop(optional)] required: bool,
) -> impl IntoView {
    let error_id = format!("{id}-error");
    let described_by = {
        let error_id = error_id.clone();
        move || error.with(Option::is_some).then(|| error_id.clone())
    };
    view! {
        <div class="field">
            <label for=id>{move || label.get()}</label>
            <input
                id=id
                name=id
                type=input_type
                autocomplete=autocomplete
                required=required
                bind:value=value
                aria-invalid=move || error.with(Option::is_some).to_string()
                aria-describedby=described_by
            />
            <FieldProblem id=error_id message=error />
        </div>
    }
}

/// The message under a field (an input, a select, a text area, a group of boxes), nothing while
/// the field is fine. The field names `id` in its `aria-describedby` while there is a message,
/// so assistive technology reads it with the field.
#[component]
pub fn FieldProblem(
    #[prop(into)] id: String,
    /// None when the field is fine.
    #[prop(into)]
    message: Signal<Option<String>>,
) -> impl IntoView {
    move || {
        message.get().map(|m| {
            view! {
                <p id=id.clone() class="field-error">
                    {m}
                </p>
            }
        })
    }
}
