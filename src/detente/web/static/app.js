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
// X-Detente-Partial); fetch the full-size answer, which the server computes in the
// background, and show it unless a newer slider move has started meanwhile (then this
// fetch is aborted quietly: an aborted htmx request would log console errors).
var whatifRefine = null;
document.addEventListener("htmx:beforeRequest", function (event) {
  if (whatifRefine && event.detail.elt && event.detail.elt.id === "whatif-form") {
    whatifRefine.abort();
    whatifRefine = null;
  }
});
document.addEventListener("htmx:afterRequest", function (event) {
  var xhr = event.detail.xhr;
  var form = event.detail.elt;
  if (!xhr || !form || form.id !== "whatif-form") { return; }
  if (xhr.getResponseHeader("X-Detente-Partial") !== "1") { return; }
  var control = new AbortController();
  whatifRefine = control;
  fetch(form.getAttribute("hx-post"), {
    method: "POST",
    body: new URLSearchParams(new FormData(form)),
    headers: {"X-Detente-Refine": "1"},
    signal: control.signal
  }).then(function (response) {
    return response.ok ? response.text() : null;
  }).then(function (html) {
    if (html !== null && whatifRefine === control) {
      whatifRefine = null;
      htmx.swap("#whatif-result", html, {swapStyle: "innerHTML"});
    }
  }).catch(function () { /* aborted by a newer move, or the server went away */ });
});
