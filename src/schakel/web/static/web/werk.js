// Only an improvement: every form works without it. After a refused submit the error summary gets focus,
// so a screen reader reads it first and the keyboard starts there; also after htmx swaps a part in.
(function () {
  function focusSummary() {
    var summary = document.getElementById("foutoverzicht");
    if (summary) summary.focus();
  }
  document.addEventListener("DOMContentLoaded", focusSummary);
  document.addEventListener("htmx:afterSettle", focusSummary);
})();
