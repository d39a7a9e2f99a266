// Small enhancements only: every page works without this file.
(function () {
  'use strict';

  // An error summary (rendered by _ValidationSummary) takes focus, so keyboard and screen-reader users
  // learn at once that the form needs fixing, whether the page was loaded in full or swapped in by htmx.
  function focusErrorSummary(root) {
    if (!root || !root.querySelector) return;
    var summary = root.matches && root.matches('[data-error-summary]')
      ? root : root.querySelector('[data-error-summary]');
    if (summary) summary.focus();
  }

  document.addEventListener('DOMContentLoaded', function () { focusErrorSummary(document); });
  document.addEventListener('htmx:afterSettle', function (e) { focusErrorSummary(e.target); });

  // A link in the summary moves focus into the field itself (a plain #fragment only scrolls in some
  // browsers), and brings its label or legend into view so people can see the question.
  document.addEventListener('click', function (e) {
    var link = e.target.closest && e.target.closest('[data-error-summary] a[href^="#"]');
    if (!link) return;
    var field = document.getElementById(decodeURIComponent(link.hash.slice(1)));
    if (!field) return;
    e.preventDefault();
    var fieldset = field.closest('fieldset');
    var caption = (fieldset && fieldset.querySelector('legend')) ||
      document.querySelector('label[for="' + CSS.escape(field.id) + '"]') || field;
    caption.scrollIntoView();
    field.focus({ preventScroll: true });
  });
})();
