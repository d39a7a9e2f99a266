// Staff pages: small enhancements only. Every form here also works without this file.
(function () {
  'use strict';

  // A form with data-confirm asks before it does something that emails people or can't be undone.
  // Without JavaScript the form simply sends, which is why the wording on the page itself says what will happen.
  document.addEventListener('submit', function (e) {
    var form = e.target;
    var question = form && form.getAttribute && form.getAttribute('data-confirm');
    if (question && !window.confirm(question)) e.preventDefault();
  });

  // htmx replaces a check-in row, and with it the button that had focus: put focus on the new row's button,
  // so someone using a keyboard or a screen reader stays where they were.
  var swappedRowId = null;
  document.addEventListener('htmx:beforeSwap', function (e) {
    var row = e.detail.target && e.detail.target.closest && e.detail.target.closest('[data-check-in-row]');
    swappedRowId = row ? row.id : null;
  });
  document.addEventListener('htmx:afterSettle', function () {
    if (!swappedRowId) return;
    var row = document.getElementById(swappedRowId);
    swappedRowId = null;
    var button = row && row.querySelector('button');
    if (button) button.focus();
  });

  // After a check-in (or a place given at the door) the list shows everyone again: clear the search box and put
  // focus back in it, ready for the next person. Without JavaScript the page reloads with the box empty and focused.
  var clearSearch = false;
  document.addEventListener('htmx:beforeRequest', function (e) {
    var form = e.detail.elt;
    clearSearch = !!(form && form.hasAttribute && form.hasAttribute('data-check-in-done'));
  });
  document.addEventListener('htmx:afterSettle', function () {
    if (!clearSearch) return;
    clearSearch = false;
    var search = document.querySelector('[data-check-in-search]');
    if (!search) return;
    search.value = '';
    search.focus();
  });

  // When htmx's request fails (the person has no place, the signal at the door dropped), say so on the page:
  // htmx on its own would leave the screen as it was, as if the tap had worked.
  function showError(message) {
    var box = document.querySelector('[data-htmx-errors]');
    if (!box) return;
    box.textContent = message;
    box.hidden = false;
  }
  document.addEventListener('htmx:responseError', function (e) {
    var xhr = e.detail.xhr;
    var plain = (xhr.getResponseHeader('Content-Type') || '').indexOf('text/plain') === 0;
    showError(plain && xhr.responseText ? xhr.responseText : 'Sorry, that didn\u2019t work. Reload the page and try again.');
  });
  document.addEventListener('htmx:sendError', function () {
    showError('We couldn\u2019t reach the site. Check your connection (wi-fi or mobile data) and try again.');
  });
  document.addEventListener('htmx:afterRequest', function (e) {
    var box = document.querySelector('[data-htmx-errors]');
    if (box && e.detail.successful) box.hidden = true;
  });
})();
