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
