// The locked page's script (src/output/html/lock.rs): derives the key from
// the typed password (PBKDF2-SHA-256) and opens the workbook (AES-256-GCM)
// with the browser's WebCrypto. A wrong password says so and nothing else.
// It makes no request. Its words are the page's, in the book's language
// (data attributes of the form, written by lock.rs).
(function () {
  "use strict";
  var locked = JSON.parse(document.getElementById("wb-locked").textContent);
  var form = document.getElementById("wb-unlock");
  var input = document.getElementById("wb-password");
  var status = document.getElementById("wb-unlock-status");
  function bytes(b64) {
    var s = atob(b64); var out = new Uint8Array(s.length);
    for (var i = 0; i < s.length; i++) { out[i] = s.charCodeAt(i); }
    return out;
  }
  form.addEventListener("submit", function (e) {
    e.preventDefault();
    status.textContent = form.dataset.opening;
    var typed = new TextEncoder().encode(input.value.normalize("NFC"));
    crypto.subtle.importKey("raw", typed, "PBKDF2", false, ["deriveKey"]).then(function (base) {
      return crypto.subtle.deriveKey(
        { name: "PBKDF2", salt: bytes(locked.salt), iterations: locked.iterations, hash: "SHA-256" },
        base, { name: "AES-GCM", length: 256 }, false, ["decrypt"]);
    }).then(function (key) {
      return crypto.subtle.decrypt({ name: "AES-GCM", iv: bytes(locked.nonce) }, key, bytes(locked.data));
    }).then(function (page) {
      var html = new TextDecoder().decode(page);
      document.open();
      document.write(html);
      document.close();
    }, function () {
      status.textContent = form.dataset.wrong;
      input.select();
    });
  });
})();
