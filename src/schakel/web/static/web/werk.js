// Only an improvement: every form works without it. On a full page load the error summary focuses itself
// (autofocus, ADR 0015); when htmx swaps a part of the page in, autofocus does not fire, so focus it here.
(function () {
  document.addEventListener("htmx:afterSettle", function () {
    var summary = document.getElementById("foutoverzicht");
    if (summary) summary.focus();
  });
})();
