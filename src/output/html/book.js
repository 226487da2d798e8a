// The HTML edition's script (inlined by src/output/html/mod.rs): keeps the
// answers in this browser's localStorage as they are typed, under a key
// for this book; saves a copy as JSON (workbook-answers, version 1, read
// by `workbook answers`), loads one, clears them. It makes no request.
(function () {
  "use strict";
  var meta = JSON.parse(document.getElementById("wb-fields").textContent);
  var key = "workbook:" + meta.book;
  var status = document.getElementById("wb-status");
  var store = {};
  try { store = JSON.parse(localStorage.getItem(key) || "{}") || {}; } catch (e) { store = {}; }
  function say(text) { if (status) { status.textContent = text; } }
  function controls() { return document.querySelectorAll("[data-wb]"); }
  function show() {
    controls().forEach(function (el) {
      var v = store[el.name];
      if (el.type === "radio") { el.checked = v === el.value; }
      else if (el.type === "checkbox") { el.checked = v === "Yes"; }
      else { el.value = v == null ? "" : v; }
    });
  }
  function keep() {
    try { localStorage.setItem(key, JSON.stringify(store)); }
    catch (e) { say("This browser would not keep your answers. Save a copy to keep them."); }
  }
  document.addEventListener("input", function (e) { remember(e.target); });
  document.addEventListener("change", function (e) { remember(e.target); });
  function remember(el) {
    if (!el || !el.hasAttribute || !el.hasAttribute("data-wb")) { return; }
    if (el.type === "radio") { if (el.checked) { store[el.name] = el.value; } }
    else if (el.type === "checkbox") { if (el.checked) { store[el.name] = "Yes"; } else { delete store[el.name]; } }
    else if (el.value === "") { delete store[el.name]; }
    else { store[el.name] = el.value; }
    keep();
  }
  function copy() {
    var answers = meta.fields.map(function (f) {
      var a = {};
      Object.keys(f).forEach(function (k) { a[k] = f[k]; });
      a.value = store[f.field] == null ? null : store[f.field];
      return a;
    });
    return { format: "workbook-answers", version: 1, book: meta.book, title: meta.title,
      saved: new Date().toISOString(), answers: answers };
  }
  var save = document.getElementById("wb-save");
  if (save) {
    save.addEventListener("click", function () {
      var text = JSON.stringify(copy(), null, 2);
      var a = document.createElement("a");
      a.href = "data:application/json;charset=utf-8," + encodeURIComponent(text);
      a.download = "my-answers.json";
      document.body.appendChild(a);
      a.click();
      a.remove();
      say("A copy of your answers was saved to your downloads.");
    });
  }
  var load = document.getElementById("wb-load");
  var loadButton = document.getElementById("wb-load-button");
  if (loadButton && load) { loadButton.addEventListener("click", function () { load.click(); }); }
  if (load) {
    load.addEventListener("change", function () {
      var file = load.files && load.files[0];
      if (!file) { return; }
      file.text().then(function (text) {
        var saved = JSON.parse(text);
        if (saved.format !== "workbook-answers" || saved.version !== 1) { throw new Error("not ours"); }
        if (saved.book !== meta.book && !window.confirm("This copy was saved from another workbook. Load its answers here anyway?")) { return; }
        store = {};
        saved.answers.forEach(function (a) { if (a.value != null && a.value !== "") { store[a.field] = String(a.value); } });
        keep();
        show();
        say("Your saved answers are back.");
      }).catch(function () { say("That file is not a saved copy of workbook answers."); });
      load.value = "";
    });
  }
  var clear = document.getElementById("wb-clear");
  if (clear) {
    clear.addEventListener("click", function () {
      if (!window.confirm("Clear every answer in this workbook from this device? A saved copy is not touched.")) { return; }
      store = {};
      localStorage.removeItem(key);
      show();
      say("Your answers were cleared from this device.");
    });
  }
  show();
})();
