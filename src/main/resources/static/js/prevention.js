// Prevention pages. Tip form: the contact field is shown only when the reporter chooses to be contacted.
(function () {
  'use strict';
  document.addEventListener('DOMContentLoaded', function () {
    var form = document.getElementById('tip-form');
    if (!form) { return; }
    var contact = form.querySelector('.tip-contact');
    function sync() {
      var chosen = form.querySelector('input[name="anonymous"]:checked');
      var anonymous = !chosen || chosen.value === 'true';
      contact.hidden = anonymous;
      if (anonymous) { contact.querySelector('input').value = ''; }
    }
    form.querySelectorAll('input[name="anonymous"]').forEach(function (r) { r.addEventListener('change', sync); });
    sync();
  });
}());
