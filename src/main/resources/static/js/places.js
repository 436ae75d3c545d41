// Place picker (templates/places/picker.html): searches /places/search as the user types and puts the chosen
// place's code into the hidden input. No inline script (CSP); every picker on the page is wired here.
(function () {
  'use strict';

  function wire(picker) {
    var query = picker.querySelector('.place-picker-query');
    var code = picker.querySelector('.place-picker-code');
    var path = picker.querySelector('.place-picker-path');
    var results = picker.querySelector('.place-picker-results');
    var url = picker.getAttribute('data-search-url');
    var level = picker.getAttribute('data-level') || '';
    var timer = null;
    var seq = 0;

    function close() {
      results.innerHTML = '';
      query.setAttribute('aria-expanded', 'false');
    }

    function search() {
      var q = query.value.trim();
      if (q.length < 2) {
        close();
        return;
      }
      var mine = ++seq;
      fetch(url + '?q=' + encodeURIComponent(q) + '&level=' + encodeURIComponent(level),
            {headers: {'Accept': 'text/html'}, credentials: 'same-origin'})
        .then(function (r) { return r.ok ? r.text() : ''; })
        .then(function (html) {
          if (mine !== seq) { return; } // a later keystroke already searched
          results.innerHTML = html; // server-rendered, escaped by Thymeleaf
          query.setAttribute('aria-expanded', results.children.length ? 'true' : 'false');
        });
    }

    query.addEventListener('input', function () {
      code.value = ''; // typed text is not a place until one is chosen
      if (path) { path.textContent = ''; }
      clearTimeout(timer);
      timer = setTimeout(search, 250);
    });
    query.addEventListener('keydown', function (e) {
      if (e.key === 'Escape') { close(); }
      if (e.key === 'ArrowDown') {
        var first = results.querySelector('button');
        if (first) { e.preventDefault(); first.focus(); }
      }
    });
    results.addEventListener('keydown', function (e) {
      var li = e.target.closest('li');
      if (!li) { return; }
      if (e.key === 'ArrowDown' && li.nextElementSibling) {
        e.preventDefault();
        li.nextElementSibling.querySelector('button').focus();
      } else if (e.key === 'ArrowUp') {
        e.preventDefault();
        var prev = li.previousElementSibling;
        (prev ? prev.querySelector('button') : query).focus();
      } else if (e.key === 'Escape') {
        close();
        query.focus();
      }
    });
    results.addEventListener('click', function (e) {
      var option = e.target.closest('.place-picker-option');
      if (!option) { return; }
      code.value = option.getAttribute('data-code');
      query.value = option.getAttribute('data-label');
      if (path) { path.textContent = option.getAttribute('data-path') || ''; }
      close();
      query.focus();
    });
  }

  document.addEventListener('DOMContentLoaded', function () {
    document.querySelectorAll('.place-picker').forEach(wire);
  });
}());
