// Career Journal: small progressive enhancements. Every page works without this file.
(function () {
  "use strict";
  document.documentElement.classList.add("js");

  // New entry: when the kind changes, the share box follows that kind's privacy default,
  // unless the candidate has already ticked or cleared it by hand.
  function setUpEntryForm(form) {
    var kind = form.querySelector("select[name=kind]");
    var shared = form.querySelector("input[name=shared]");
    var shownFor = form.querySelector("input[name=shown_for]");
    if (!kind || !shared || !shownFor || form.dataset.enhanced) return;
    form.dataset.enhanced = "1";
    var sharedKinds = (form.dataset.sharedKinds || "").split(" ");
    var touched = false;
    shared.addEventListener("change", function () { touched = true; });
    kind.addEventListener("change", function () {
      if (!touched) {
        shared.checked = sharedKinds.indexOf(kind.value) !== -1;
        shownFor.value = kind.value;
      }
    });
  }

  function enhance(root) {
    root.querySelectorAll("form.entry-form").forEach(setUpEntryForm);
  }

  document.addEventListener("DOMContentLoaded", function () { enhance(document); });
  document.addEventListener("htmx:load", function (event) { enhance(event.target); });
})();
