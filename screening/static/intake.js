/* The intake form's helpers. Every one is a shortcut: without this script
   the form works the same way through the server.
   - Follow-up questions: a fieldset with data-asked-when="NAME"
     data-asked-value="VALUE" shows only while the answer VALUE to NAME is
     chosen (the pregnancy warning signs, only after "pregnant"). Without
     the script it stays shown with a line saying who should answer it;
     either way the server records the not-asked answer itself.
   - "None of these" (and "I don't know of any cause") clear the other
     choices of their list, and the other choices clear them.
   - The early stop (contract section 5): the first "yes" to a question
     marked data-early-stop opens a full-screen "is this right?" dialog.
     "Yes, that is right" sends the form at once (the server stores the
     answers given and shows the emergency page); "No, change my answer"
     clears that answer and asks it again. Without the script the same
     check comes as a page after the first step is sent.
   - A page that comes back with problems puts the focus on their list. */
(function () {
  "use strict";
  var form = document.getElementById("intake");
  if (!form) {
    return;
  }
  var slice = Array.prototype.slice;
  var followUps = slice.call(form.querySelectorAll("[data-asked-when]"));

  function chosen(name, value) {
    return form.querySelector('input[name="' + name + '"][value="' + value + '"]:checked') !== null;
  }

  function updateFollowUps() {
    followUps.forEach(function (question) {
      question.hidden = !chosen(question.getAttribute("data-asked-when"), question.getAttribute("data-asked-value"));
    });
  }

  followUps.forEach(function (question) {
    // Shown only when it applies, so its "only if" line is not needed.
    var onlyIf = question.querySelector(".only-if");
    if (onlyIf) {
      onlyIf.hidden = true;
    }
  });

  var EXCLUSIVE = ["none", "none_known"];

  function keepExclusiveAlone(input) {
    if (input.type !== "checkbox" || !input.checked) {
      return;
    }
    var alone = EXCLUSIVE.indexOf(input.value) !== -1;
    slice.call(form.querySelectorAll('input[type=checkbox][name="' + input.name + '"]')).forEach(function (other) {
      if (other !== input && (alone || EXCLUSIVE.indexOf(other.value) !== -1)) {
        other.checked = false;
      }
    });
  }

  var dialog = document.getElementById("early-stop");
  var pending = null; // the radio whose "yes" is being checked

  function askIfRight(radio) {
    if (!dialog || typeof dialog.showModal !== "function") {
      return; // an old browser: the server asks after the step is sent
    }
    var legend = radio.closest("fieldset").querySelector("legend");
    var list = document.getElementById("early-stop-answers");
    list.innerHTML = "";
    var item = document.createElement("li");
    item.textContent = legend.textContent;
    list.appendChild(item);
    pending = radio;
    dialog.showModal();
    document.getElementById("early-stop-yes").focus();
  }

  function changeAnswer() {
    if (pending) {
      pending.checked = false;
      var first = pending.closest("fieldset").querySelector("input");
      pending = null;
      dialog.close();
      first.focus();
    }
  }

  if (dialog) {
    document.getElementById("early-stop-no").addEventListener("click", function (event) {
      event.preventDefault();
      changeAnswer();
    });
    // Tab and Shift+Tab go round the dialog's two buttons, never out of it.
    dialog.addEventListener("keydown", function (event) {
      if (event.key !== "Tab") {
        return;
      }
      var buttons = slice.call(dialog.querySelectorAll("button"));
      var at = buttons.indexOf(document.activeElement);
      var next = (at + (event.shiftKey ? buttons.length - 1 : 1)) % buttons.length;
      event.preventDefault();
      buttons[at === -1 ? 0 : next].focus();
    });
    // Escape is "no": the answer is asked again rather than kept unconfirmed.
    dialog.addEventListener("cancel", function (event) {
      event.preventDefault();
      changeAnswer();
    });
  }

  form.addEventListener("change", function (event) {
    var input = event.target;
    keepExclusiveAlone(input);
    updateFollowUps();
    if (input.type === "radio" && input.value === "yes" && input.checked &&
        input.closest("[data-early-stop]")) {
      askIfRight(input);
    }
  });
  updateFollowUps();

  var summary = document.getElementById("error-summary");
  if (summary) {
    summary.focus();
  }
})();
