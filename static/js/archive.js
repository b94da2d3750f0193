/* Progressive enhancement only: every page works without this file.
   - "Copy citation" buttons, shown only where the Clipboard API is available.
   - Opening the folded statements of a paragraph when the address points into them. */
(function () {
  "use strict";

  function words(button, name) {
    var holder = button.hasAttribute(name) ? button : button.closest("[" + name + "]");
    return holder ? holder.getAttribute(name) : "";
  }

  function enableCopyButtons() {
    if (!navigator.clipboard || !window.isSecureContext) {
      return;
    }
    document.querySelectorAll("button.copy-citation[data-citation]").forEach(function (button) {
      var source = document.getElementById(button.getAttribute("data-citation"));
      if (!source) {
        return;
      }
      // The words are the page's, in its language: the button's own label, and "copied" and "failed" from
      // its data-copied and data-failed attributes, or from those of the element around it (_cite.html).
      var label = button.textContent;
      var copied = words(button, "data-copied") || label;
      var failed = words(button, "data-failed") || label;
      button.hidden = false;
      button.addEventListener("click", function () {
        navigator.clipboard.writeText(source.textContent.trim()).then(function () {
          button.textContent = copied;
          window.setTimeout(function () { button.textContent = label; }, 2000);
        }, function () {
          button.textContent = failed;
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
