// Show each what-if slider's value next to it while it moves (no inline script: CSP).
document.addEventListener("input", function (event) {
  var input = event.target;
  if (input.matches && input.matches("input[type=range]")) {
    var out = document.getElementById(input.id + "-value");
    if (out) { out.textContent = input.value; }
  }
});
