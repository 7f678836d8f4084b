// Session timeout warning for long forms (GOV.UK pattern). Without JavaScript the page says
// when the session ends, and a form posted after that is kept and put back after signing in.
// With JavaScript: a dialog warns before the end and offers to stay signed in; at the end what
// is on the screen is kept (posted as a draft only) and the worker is sent to sign in.
(function () {
  "use strict";
  const box = document.querySelector('[data-module="gofal-session-timeout"]');
  const dialog = document.querySelector(".gofal-timeout-dialog");
  if (!box || !dialog || typeof dialog.showModal !== "function") return;
  const form = box.closest("form");
  const seconds = Number(box.dataset.seconds);
  const warn = Number(box.dataset.warnSeconds);
  const message = dialog.querySelector("#gofal-timeout-message");
  const heading = dialog.querySelector("#gofal-timeout-heading");
  const stay = dialog.querySelector("[data-timeout-stay]");
  const csrf = form ? form.querySelector('input[name="csrfmiddlewaretoken"]') : null;
  let endsAt = Date.now() + seconds * 1000;
  let ended = false;

  function left(ms) {
    const s = Math.max(0, Math.ceil(ms / 1000));
    if (s >= 120) return message.dataset.minutes.replace("%(n)s", Math.ceil(s / 60));
    if (s >= 60) return message.dataset.minute;
    return message.dataset.seconds.replace("%(n)s", s);
  }

  function keepAndSignIn() {
    ended = true;
    heading.textContent = heading.dataset.headingEnded;
    message.textContent = message.dataset.ended;
    stay.hidden = true;
    const after = function () { window.location.reload(); };
    if (!form) return after();
    const data = new FormData(form);
    data.set("draft_only", "1");
    fetch(window.location.pathname, { method: "POST", body: data, credentials: "same-origin" })
      .then(after, after);
  }

  function tick() {
    if (ended) return;
    const remaining = endsAt - Date.now();
    if (remaining <= 0) return keepAndSignIn();
    if (remaining <= warn * 1000) {
      message.textContent = message.dataset.template.replace("%(time)s", left(remaining));
      if (!dialog.open) {
        dialog.showModal();
        stay.focus();
      }
    }
  }

  function extended() {
    endsAt = Date.now() + seconds * 1000;
    if (dialog.open) dialog.close();
  }

  stay.addEventListener("click", function () {
    fetch(box.dataset.keepAliveUrl, {
      method: "POST",
      credentials: "same-origin",
      headers: { "X-CSRFToken": csrf ? csrf.value : "" },
    }).then(function (response) {
      if (response.ok && !response.redirected) extended();
      else keepAndSignIn();
    }, keepAndSignIn);
  });
  dialog.addEventListener("cancel", function (event) {
    // Escape means "stay signed in", as the GOV.UK pattern does.
    event.preventDefault();
    stay.click();
  });
  // Autosaves and other requests renew the session too.
  document.body.addEventListener("htmx:afterRequest", function () { if (!ended) extended(); });
  window.setInterval(tick, 1000);
})();
