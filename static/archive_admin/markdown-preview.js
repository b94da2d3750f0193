/* "Preview Markdown" buttons beside the admin's Markdown fields (debates.admin_forms.MarkdownTextarea).
   The text is posted to the admin's preview view, which answers with the sanitized HTML the field would
   be stored as; that HTML is already cleaned by the server's allow-list, so it is shown as it is.
   The messages shown come translated in the button's data attributes (data-rendering, data-empty,
   data-failed with %(reason)s, data-status with %(status)s). */
"use strict";
document.addEventListener("click", async (event) => {
  const button = event.target.closest(".markdown-preview-button");
  if (!button) {
    return;
  }
  const field = button.closest(".markdown-field");
  const output = field.querySelector(".markdown-preview");
  const token = document.querySelector("input[name=csrfmiddlewaretoken]");
  const body = new URLSearchParams({ text: field.querySelector("textarea").value });
  output.hidden = false;
  output.textContent = button.dataset.rendering;
  try {
    const response = await fetch(button.dataset.previewUrl, {
      method: "POST",
      headers: { "X-CSRFToken": token ? token.value : "" },
      body,
      credentials: "same-origin",
    });
    if (!response.ok) {
      throw new Error(button.dataset.status.replace("%(status)s", () => String(response.status)));
    }
    const html = await response.text();
    if (html) {
      output.innerHTML = html;
    } else {
      output.textContent = button.dataset.empty;
    }
  } catch (error) {
    output.textContent = button.dataset.failed.replace("%(reason)s", () => error.message);
  }
});
