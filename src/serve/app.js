// workbook serve: the only script, and only an addition. Every page works
// without it; with it, a client list shows how far its build is.
"use strict";
(function () {
  var form = document.querySelector('form[action="/batch"]');
  if (!form || !window.fetch) return;
  form.addEventListener("submit", function () {
    var box = document.getElementById("progress");
    if (!box) {
      box = document.createElement("div");
      box.id = "progress";
      box.className = "notice";
      box.setAttribute("role", "status");
      box.innerHTML = '<p><label for="progress-bar">Making the workbooks</label></p>' +
        '<progress id="progress-bar" max="1" value="0"></progress> <span id="progress-words">Starting…</span>';
      form.parentNode.insertBefore(box, form.nextSibling);
    }
    var bar = document.getElementById("progress-bar");
    var words = document.getElementById("progress-words");
    var seen = false;
    var timer = setInterval(function () {
      fetch("/progress", { credentials: "same-origin" })
        .then(function (r) { return r.json(); })
        .then(function (p) {
          if (p.running) {
            seen = true;
            bar.max = Math.max(p.total, 1);
            bar.value = p.done;
            words.textContent = p.done + " of " + p.total + " lines done";
          } else if (seen) {
            bar.value = bar.max;
            words.textContent = "Done. The zip file is in your downloads.";
            clearInterval(timer);
          }
        })
        .catch(function () { clearInterval(timer); });
    }, 1000);
  });
})();
