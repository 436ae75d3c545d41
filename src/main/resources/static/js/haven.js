// Haven's shared script. Pages work without it; it only adds conveniences. No inline scripts anywhere (CSP).
(function () {
  "use strict";
  // Ask before submitting forms marked data-confirm (e.g. closing a case, withdrawing consent).
  document.addEventListener("submit", function (event) {
    var form = event.target;
    var question = form.getAttribute && form.getAttribute("data-confirm");
    if (question && !window.confirm(question)) {
      event.preventDefault();
    }
  }, true);
  // htmx requests carry the CSRF token from the page's meta tags, when present.
  document.addEventListener("htmx:configRequest", function (event) {
    var token = document.querySelector('meta[name="_csrf"]');
    var header = document.querySelector('meta[name="_csrf_header"]');
    if (token && header) {
      event.detail.headers[header.getAttribute("content")] = token.getAttribute("content");
    }
  });
})();
