// Referral pages: confirm before withdrawing a referral (the receiver loses access to the case).
document.addEventListener('submit', function (event) {
  var form = event.target;
  if (form && form.action && /\/referrals\/[^/]+\/withdraw$/.test(form.action)) {
    var message = form.getAttribute('data-confirm');
    if (message && !window.confirm(message)) {
      event.preventDefault();
    }
  }
});
