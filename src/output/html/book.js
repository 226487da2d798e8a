// The HTML edition's script (inlined by src/output/html/mod.rs): keeps the
// answers in this browser's localStorage as they are typed, under a key
// for this book; saves a copy as JSON (workbook-answers, version 1, read
// by `workbook answers`), loads one, clears them. It makes no request.
// Its words are the book's, in the book's language: data attributes of the
// box that holds the buttons (templates/html.typ), so that this script,
// named by its hash in the page's policy, is the same in every language.
(function () {
  "use strict";
  var meta = JSON.parse(document.getElementById("wb-fields").textContent);
  var key = "workbook:" + meta.book;
  var status = document.getElementById("wb-status");
  var box = document.querySelector(".wb-keeping");
  function words(name) { return (box && box.dataset[name]) || ""; }
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
    catch (e) { say(words("notKept")); }
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
      a.download = words("fileName") || "answers.json";
      document.body.appendChild(a);
      a.click();
      a.remove();
      say(words("saved"));
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
        if (saved.book !== meta.book && !window.confirm(words("otherBook"))) { return; }
        store = {};
        saved.answers.forEach(function (a) { if (a.value != null && a.value !== "") { store[a.field] = String(a.value); } });
        keep();
        show();
        say(words("loaded"));
      }).catch(function () { say(words("notACopy")); });
      load.value = "";
    });
  }
  var clear = document.getElementById("wb-clear");
  if (clear) {
    clear.addEventListener("click", function () {
      if (!window.confirm(words("clearConfirm"))) { return; }
      store = {};
      localStorage.removeItem(key);
      show();
      say(words("cleared"));
    });
  }
  show();
})();
