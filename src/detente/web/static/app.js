// Show each what-if slider's value next to it while it moves (no inline script: CSP).
document.addEventListener("input", function (event) {
  var input = event.target;
  if (input.matches && input.matches("input[type=range]")) {
    var out = document.getElementById(input.id + "-value");
    if (out) { out.textContent = input.value; }
  }
});

// After "Reset sliders" the browser restores the values without input events.
document.addEventListener("reset", function (event) {
  setTimeout(function () {
    event.target.querySelectorAll("input[type=range]").forEach(function (input) {
      var out = document.getElementById(input.id + "-value");
      if (out) { out.textContent = input.value; }
    });
  }, 0);
});

// A fresh what-if is first answered from a smaller run (response header
// X-Detente-Partial); ask once more for the full-size answer, which the server
// computes in the background. A newer slider move cancels this (hx-sync replace).
document.addEventListener("htmx:afterRequest", function (event) {
  var xhr = event.detail.xhr;
  var form = event.detail.elt;
  if (!xhr || !form || form.id !== "whatif-form") { return; }
  if (xhr.getResponseHeader("X-Detente-Partial") !== "1") { return; }
  htmx.ajax("POST", form.getAttribute("hx-post"), {
    source: form, target: "#whatif-result", headers: {"X-Detente-Refine": "1"}
  });
});
