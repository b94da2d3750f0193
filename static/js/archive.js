/* Progressive enhancement only: every page works without this file.
   - "Copy citation" buttons, shown only where the Clipboard API is available.
   - Opening the folded statements of a paragraph when the address points into them. */
(function () {
  "use strict";

  function enableCopyButtons() {
    if (!navigator.clipboard || !window.isSecureContext) {
      return;
    }
    document.querySelectorAll("button.copy-citation[data-citation]").forEach(function (button) {
      var source = document.getElementById(button.getAttribute("data-citation"));
      if (!source) {
        return;
      }
      button.hidden = false;
      button.addEventListener("click", function () {
        navigator.clipboard.writeText(source.textContent.trim()).then(function () {
          button.textContent = "Copied";
          window.setTimeout(function () { button.textContent = "Copy citation"; }, 2000);
        }, function () {
          button.textContent = "Copy failed: select the text";
        });
      });
    });
  }

  function revealTarget() {
    if (!location.hash || location.hash.length < 2) {
      return;
    }
    var target = document.getElementById(decodeURIComponent(location.hash.slice(1)));
    for (var node = target; node; node = node.parentElement) {
      if (node.tagName === "DETAILS") {
        node.open = true;
      }
    }
    if (target) {
      target.scrollIntoView();
    }
  }

  document.addEventListener("DOMContentLoaded", function () {
    enableCopyButtons();
    revealTarget();
  });
  window.addEventListener("hashchange", revealTarget);
})();
