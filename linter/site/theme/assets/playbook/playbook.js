// Shipped with the playbook plugin and loaded on every page (no network access, no library).
(function () {
  "use strict";

  var french = document.documentElement.lang === "fr";

  // Accessibility fixes to the theme.
  // - Material's search panel is a dialog without a name: screen readers announce only "dialog".
  // - Material puts each code block's copy button in an unnamed <nav>: a page with three holding
  //   statements has three navigation landmarks nobody can tell apart. A copy button is not
  //   navigation: its toolbar is taken out of the landmarks (role="none"; the button keeps its name).
  function fixCodeToolbars(root) {
    (root.querySelectorAll ? root : document).querySelectorAll("nav.md-code__nav").forEach(function (nav) {
      nav.setAttribute("role", "none");
    });
  }

  function fixTheme() {
    document.querySelectorAll('.md-search[role="dialog"]:not([aria-label])').forEach(function (dialog) {
      dialog.setAttribute("aria-label", french ? "Rechercher dans le playbook" : "Search the playbook");
    });
    fixCodeToolbars(document);
    new MutationObserver(function (changes) {
      changes.forEach(function (change) {
        change.addedNodes.forEach(function (node) {
          if (node.nodeType !== 1) return;
          if (node.matches("nav.md-code__nav")) fixCodeToolbars(node.parentNode);
          else if (node.querySelector("nav.md-code__nav")) fixCodeToolbars(node);
        });
      });
    }).observe(document.body, { childList: true, subtree: true });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", fixTheme);
  else fixTheme();
})();
