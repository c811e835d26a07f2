/* Follow-up questions on the intake form: a fieldset with
   data-asked-when="NAME" data-asked-value="VALUE" is shown only while the
   question NAME has the answer VALUE (for example the pregnancy warning
   signs, only after "yes" to pregnancy). Without this script every question
   stays shown, with a hint saying who should answer it; either way the
   server records the not-asked answer itself, whatever is sent. */
(function () {
  "use strict";
  var form = document.getElementById("intake");
  if (!form) {
    return;
  }
  var followUps = Array.prototype.slice.call(form.querySelectorAll("[data-asked-when]"));

  function answer(name) {
    var checked = form.querySelector('input[name="' + name + '"]:checked');
    return checked ? checked.value : null;
  }

  function update() {
    followUps.forEach(function (question) {
      question.hidden = answer(question.getAttribute("data-asked-when")) !== question.getAttribute("data-asked-value");
    });
  }

  followUps.forEach(function (question) {
    // Shown only when it applies, so its "only if" hint is not needed.
    var hint = question.querySelector(".hint");
    if (hint) {
      hint.hidden = true;
    }
  });
  form.addEventListener("change", update);
  update();
})();
