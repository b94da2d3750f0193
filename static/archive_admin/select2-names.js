// Give Django admin's Select2 widgets (autocomplete fields) the accessible names Select2 leaves out: the
// rendered selection (role="textbox") and the search field of a multiple choice get the text of the field's
// label (WCAG 4.1.2; axe: aria-input-field-name, label).  Select2 draws them again when the choice changes, so
// this runs again then.
"use strict";
(function () {
  function labelOf(select) {
    const label = select.id ? document.querySelector(`label[for="${select.id}"]`) : null;
    return label ? label.textContent.replace(/:\s*$/, "").trim() : select.name;
  }

  function name(select) {
    const container = select.nextElementSibling;
    if (!container || !container.classList.contains("select2")) {
      return;
    }
    const label = labelOf(select);
    container.querySelectorAll('.select2-selection__rendered[role="textbox"]').forEach((element) => {
      element.setAttribute("aria-label", label);
    });
    container.querySelectorAll(".select2-search__field").forEach((element) => {
      element.setAttribute("aria-label", label);
    });
  }

  function nameAll() {
    document.querySelectorAll("select.admin-autocomplete").forEach(name);
  }

  window.addEventListener("load", () => {
    nameAll();
    // Select2 draws a widget again on each change, and inline rows add widgets: name what appears.
    new MutationObserver(nameAll).observe(document.body, { childList: true, subtree: true });
  });
})();
