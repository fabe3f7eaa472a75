// Shipped with the playbook plugin and loaded on every page (no network access, no library).
// Accessibility fix to the theme: Material's search panel is a dialog without a name, so screen
// readers announce only "dialog".
document.addEventListener("DOMContentLoaded", function () {
  document.querySelectorAll('.md-search[role="dialog"]:not([aria-label])').forEach(function (dialog) {
    dialog.setAttribute("aria-label", document.documentElement.lang === "fr" ? "Rechercher dans le playbook" : "Search the playbook");
  });
});
